using Omnichannel.Messaging.DemoData;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Tests;

/// <summary>Keywords in three languages, matched ignoring case, accents, punctuation and extra spaces, with synonyms.</summary>
public sealed class KeywordMatchingTests
{
    private static readonly KeywordSet Demo = DemoKeywords.ReadAsync().GetAwaiter().GetResult();

    [Theory]
    [InlineData("horari", "horari", "ca")]
    [InlineData("  HORÀRI  ", "horari", "ca")]
    [InlineData("Horario?", "horari", "es")]
    [InlineData("opening   HOURS", "horari", "en")]
    [InlineData("Hores d'atencio", "horari", "ca")]
    [InlineData("PADRON", "padro", "es")]
    [InlineData("padró", "padro", "ca")]
    [InlineData("Empadronament", "padro", "ca")]
    [InlineData("tràmit", "tramit", "ca")]
    [InlineData("TRAMITE", "tramit", "es")]
    [InlineData("Suggeriments", "queixa", "ca")]
    [InlineData("recogida de   muebles", "mobles", "es")]
    public void A_keyword_or_a_synonym_is_found_however_it_is_typed(string typed, string keyword, string language)
    {
        var found = Assert.IsType<Intent.Keyword>(KeywordMatching.Read(Demo, typed));
        Assert.Equal((keyword, language, null), (found.Entry.Code, found.Language, found.Rest));
    }

    [Theory]
    [InlineData("PARAULES CLAU", "ca")]
    [InlineData("paraules  clau!", "ca")]
    [InlineData("Palabras Clave", "es")]
    [InlineData("KEYWORDS", "en")]
    public void The_list_is_asked_for_in_a_language(string typed, string language) =>
        Assert.Equal(language, Assert.IsType<Intent.ListKeywords>(KeywordMatching.Read(Demo, typed)).Language);

    [Fact]
    public void A_keyword_followed_by_a_code_keeps_the_code_as_typed()
    {
        var found = Assert.IsType<Intent.Keyword>(KeywordMatching.Read(Demo, "Cita   c1234-56789"));
        Assert.Equal(("cita", "c1234-56789"), (found.Entry.Code, found.Rest));
    }

    [Fact]
    public void The_longest_words_win()
    {
        var found = Assert.IsType<Intent.Keyword>(KeywordMatching.Read(Demo, "cita previa"));
        Assert.Null(found.Rest); // "cita previa" is the keyword, not "cita" + code "previa"
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("horariss")]
    [InlineData("Quin és l'horari?")]
    [InlineData("citació")]
    public void Anything_else_is_no_keyword(string typed) => Assert.IsType<Intent.Nothing>(KeywordMatching.Read(Demo, typed));
}
