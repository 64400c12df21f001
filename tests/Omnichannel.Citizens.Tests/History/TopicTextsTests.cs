using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

/// <summary>A broadcast list in the citizen's history is named as they know it — its name in each language — and by its
/// code only when the event came without names (published before they were sent).</summary>
public class TopicTextsTests
{
    private static readonly LocalizedText Roadworks = new("Obres al carrer", "Obras en la calle", "Roadworks");
    private static readonly LocalizedText WaterCuts = new("Talls d'aigua", "Cortes de agua", "Water cuts");

    [Fact]
    public void Joining_a_list_names_it_in_each_language_not_by_its_code()
    {
        Assert.Equal(
            new LocalizedText(
                "T'has donat d'alta a la llista «Obres al carrer» per Telegram.",
                "Te has dado de alta en la lista «Obras en la calle» por Telegram.",
                "You joined the list “Roadworks” on Telegram."),
            ChatNoticeTexts.TopicJoined("telegram", "obres", Roadworks));
    }

    [Fact]
    public void Leaving_a_list_names_it_in_each_language()
    {
        Assert.Equal(
            new LocalizedText(
                "T'has donat de baixa de la llista «Obres al carrer» per WhatsApp.",
                "Te has dado de baja de la lista «Obras en la calle» por WhatsApp.",
                "You left the list “Roadworks” on WhatsApp."),
            ChatNoticeTexts.TopicLeft("whatsapp", "obres", Roadworks));
    }

    [Fact]
    public void A_stop_names_every_list_it_left()
    {
        var text = ChatNoticeTexts.OptedOut("telegram", ["aigua", "obres"], [WaterCuts, Roadworks]);

        Assert.EndsWith("t'has donat de baixa de «Talls d'aigua», «Obres al carrer».", text.Ca);
        Assert.EndsWith("te has dado de baja de «Cortes de agua», «Obras en la calle».", text.Es);
        Assert.EndsWith("you left “Water cuts”, “Roadworks”.", text.En);
    }

    [Fact]
    public void An_event_without_names_still_names_the_list_by_its_code()
    {
        Assert.Equal("You joined the list “obres” on Telegram.", ChatNoticeTexts.TopicJoined("telegram", "obres").En);
        Assert.EndsWith("te has dado de baja de «obres».", ChatNoticeTexts.OptedOut("telegram", ["obres"]).Es);
    }
}
