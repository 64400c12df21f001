using Omnichannel.Contracts;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Messaging.Keywords;

/// <summary>
/// A council's keywords (one document per council, id <see cref="DocumentId"/>): each with its words in Catalan,
/// Spanish and English (synonyms included) and its predetermined answer in the three. A keyword that looks something
/// up (<see cref="KeywordEntry.Lookup"/>) answers "keyword + personal code" with that case's or appointment's status.
/// </summary>
[NotPersonal]
public sealed class KeywordSet
{
    public const string DocumentId = "keywords";

    public string Id { get; set; } = DocumentId;

    /// <summary>Counts the staff's changes (services/Messaging/KeywordManagement): the set's ETag.</summary>
    public long Revision { get; set; }
    public List<KeywordEntry> Keywords { get; set; } = [];
}

public sealed record KeywordEntry(string Code, KeywordTerms Terms, LocalizedText Answer, string? Lookup = null, string? Flow = null)
{
    /// <summary>Buttons under the answer (at most <see cref="Omnichannel.Messaging.Buttons.ButtonRules.MaxButtons"/>): each opens a link or
    /// sends another keyword (services/Messaging/Buttons).</summary>
    public IReadOnlyList<KeywordButton> Buttons { get; init; } = [];

    /// <summary>A place the answer shows on a map after its text (Telegram sendLocation, a WhatsApp location message).</summary>
    public KeywordLocation? Location { get; init; }

    /// <summary>What a keyword starts in the conversation besides its answer.</summary>
    public static class Flows
    {
        /// <summary>The next photo or location files a complaint as an incident (services/Messaging/Complaints).</summary>
        public const string Complaint = "complaint";
    }

    /// <summary>What a keyword followed by a code looks up.</summary>
    public static class Lookups
    {
        public const string Appointment = "appointment";
        public const string Case = "case";
        public const string Incident = "incident";
    }
}

/// <summary>The words that call a keyword in each language; the first is the one shown in the list.</summary>
public sealed record KeywordTerms(IReadOnlyList<string> Ca, IReadOnlyList<string> Es, IReadOnlyList<string> En)
{
    public IReadOnlyList<string> In(string language) => language switch { "es" => Es, "en" => En, _ => Ca };
}

/// <summary>A button under a keyword's answer: its label per language, and either a link it opens
/// (<paramref name="Url"/>) or the code of the keyword it sends (<paramref name="Keyword"/>).</summary>
public sealed record KeywordButton(LocalizedText Label, string? Url = null, string? Keyword = null);

/// <summary>A place on the map: the office a keyword's answer points to.</summary>
public sealed record KeywordLocation(double Latitude, double Longitude, string Name, string? Address = null);
