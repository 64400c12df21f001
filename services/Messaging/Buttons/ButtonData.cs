using System.Text.RegularExpressions;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Messaging.Buttons;

/// <summary>A button as a reply carries it, in the conversation's language: a link it opens (<paramref name="Url"/>), or
/// the data of the keyword it sends (<paramref name="Data"/>, see <see cref="ButtonData"/>) and that keyword's first word
/// (what the citizen could type instead, for a channel that cannot show the button).</summary>
public sealed record ReplyButton([NotPersonal] string Label, [NotPersonal] string? Url, [NotPersonal] string? Data, [NotPersonal] string? Word = null);

/// <summary>A place a reply shows on a map after its text.</summary>
public sealed record ReplyLocation(double Latitude, double Longitude, [NotPersonal] string Name, [NotPersonal] string? Address);

/// <summary>
/// A keyword button's data — Telegram's <c>callback_data</c>, a WhatsApp reply button's <c>id</c>: <c>k:</c> and the
/// keyword's code, never a label or a text. Telegram keeps callback_data to 64 bytes and a client can send any data it
/// likes, so only a short code travels, and a press is answered only with what that code is now (a keyword since
/// deleted, or data that is not ours, gets the "no longer available" answer).
/// </summary>
public static partial class ButtonData
{
    public const string Prefix = "k:";
    /// <summary>Telegram's limit for callback_data (bytes).</summary>
    public const int TelegramMaxBytes = 64;

    public static string Of(string keywordCode) => Prefix + keywordCode;

    /// <summary>The keyword code the data names, or null when it is not a keyword button's data.</summary>
    public static string? Read(string? data) =>
        data is { Length: > 2 and <= 42 } && data.StartsWith(Prefix, StringComparison.Ordinal) && Code().IsMatch(data.AsSpan(2)) ? data[2..] : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex Code();
}
