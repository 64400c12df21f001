using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Buttons;

/// <summary>
/// Buttons under a keyword's answer and what pressing one gets. Pure. A keyword's buttons are shown in the
/// conversation's language; a button naming a keyword that no longer exists is left out. A press (a Telegram
/// callback query, a WhatsApp reply button) answers as the keyword its data names would, its own answer (never a
/// look-up: a press carries no code); anything else — a keyword since deleted, data that is not ours — gets the same
/// "no longer available" reply, so forged data tells nothing.
/// </summary>
public static class ButtonPresses
{
    /// <summary>Why such a reply was sent (the statistics count replies by reason).</summary>
    public const string StaleReason = "stale-button";

    public static IReadOnlyList<ReplyButton> For(KeywordSet set, KeywordEntry entry, string language) =>
        [.. entry.Buttons.Select(b => Show(set, b, language)).OfType<ReplyButton>()];

    public static ReplyLocation? Location(KeywordEntry entry) =>
        entry.Location is { } at ? new ReplyLocation(at.Latitude, at.Longitude, at.Name, at.Address) : null;

    public static Reply Answer(KeywordSet set, string data, string language) =>
        ButtonData.Read(data) is { } code && set.Keywords.FirstOrDefault(k => k.Code == code) is { } entry
            ? AnswerDecisions.Decide(set, new Intent.Keyword(entry, language, null), language, null, null)
            : new Reply(ButtonTexts.NoLongerAvailable.In(language), StaleReason, null);

    /// <summary>The text of Telegram's acknowledgement of a press (answerCallbackQuery): none for a press that was
    /// answered (the answer is in the chat), a short notice for one that was not.</summary>
    public static string? Acknowledgement(Reply? reply, string language) =>
        reply?.Reason == StaleReason ? ButtonTexts.NoLongerAvailableShort.In(language) : null;

    private static ReplyButton? Show(KeywordSet set, KeywordButton button, string language)
    {
        var label = button.Label.In(language);
        if (string.IsNullOrWhiteSpace(label)) return null;
        if (button.Url is { } url) return new ReplyButton(label, url, null);
        var target = set.Keywords.FirstOrDefault(k => k.Code == button.Keyword);
        if (target is null) return null;
        var words = target.Terms.In(language);
        return new ReplyButton(label, null, ButtonData.Of(target.Code), words.Count > 0 ? words[0].ToUpperInvariant() : null);
    }
}
