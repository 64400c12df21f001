using Omnichannel.Messaging.Conversations.Starting;

namespace Omnichannel.Messaging.Tests;

public sealed class LanguageDetectionTests
{
    [Theory]
    [InlineData("ca", "Hello", "ca")]
    [InlineData("es-ES", "Bon dia", "es")]
    [InlineData("en_GB", null, "en")]
    public void The_apps_language_wins_when_it_is_one_of_ours(string hint, string? text, string expected) =>
        Assert.Equal(expected, LanguageDetection.Detect(hint, text));

    [Theory]
    [InlineData("Bon dia, voldria demanar una cita", "ca")]
    [InlineData("Bona tarda! Què cal per al PADRÓ?", "ca")]
    [InlineData("Buenos días, quiero pedir cita por favor", "es")]
    [InlineData("¿Cuál es el HORARIO de mañana?", "es")]
    [InlineData("Hello, I would like an appointment please", "en")]
    public void Without_a_usable_hint_the_words_tell_the_language_accents_and_case_ignored(string text, string expected) =>
        Assert.Equal(expected, LanguageDetection.Detect("fr", text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("👍")]
    [InlineData("C1234-56789")]
    public void Nothing_to_go_by_is_the_councils_own_language(string? text) =>
        Assert.Equal(LanguageDetection.Default, LanguageDetection.Detect(null, text));
}
