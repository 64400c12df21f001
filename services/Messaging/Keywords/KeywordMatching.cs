using System.Text;
using Omnichannel.Messaging.Conversations.Starting;

namespace Omnichannel.Messaging.Keywords;

/// <summary>What a message asks, read against the council's keywords. Pure.</summary>
public abstract record Intent
{
    /// <summary>PARAULES CLAU / PALABRAS CLAVE / KEYWORDS: the list, in the language it was asked in.</summary>
    public sealed record ListKeywords(string Language) : Intent;

    /// <summary>A keyword, with whatever followed it (a personal code, for a keyword that looks one up).</summary>
    public sealed record Keyword(KeywordEntry Entry, string Language, string? Rest) : Intent;

    /// <summary>OPERADOR / OPERATOR (and a few synonyms): the citizen asks for a person.</summary>
    public sealed record AskForOperator(string Language) : Intent;

    public sealed record Nothing : Intent;
}

public static class KeywordMatching
{
    /// <summary>The words that ask for the list, per language.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ListWords = new Dictionary<string, string[]>
    {
        ["ca"] = ["paraules clau", "paraula clau"],
        ["es"] = ["palabras clave", "palabra clave"],
        ["en"] = ["keywords", "keyword", "key words"],
    };

    /// <summary>The words that ask for a person, per language (services/Messaging/Operators hands the conversation over).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> OperatorWords = new Dictionary<string, string[]>
    {
        ["ca"] = ["operador", "operadora", "parlar amb una persona", "persona"],
        ["es"] = ["operador", "operadora", "hablar con una persona", "agente"],
        ["en"] = ["operator", "agent", "human", "talk to a person"],
    };

    /// <summary>The message's keyword, matched ignoring case, accents, punctuation and extra spaces; the longest words
    /// win ("cita previa" before "cita"); a keyword must be the whole message or be followed by a space.</summary>
    public static Intent Read(KeywordSet set, string? text) => Read(Prepare(set), text);

    /// <summary>The same, with the set's words normalized once (<see cref="Prepare"/>): what the webhook uses.</summary>
    public static Intent Read(PreparedKeywords prepared, string? text)
    {
        var message = Normalize(text);
        if (message.Length == 0) return new Intent.Nothing();
        foreach (var (language, words) in ListWords)
            if (words.Any(w => message == w)) return new Intent.ListKeywords(language);
        foreach (var (language, words) in OperatorWords)
            if (words.Any(w => message == w)) return new Intent.AskForOperator(language);

        // Longest words first: the first that matches wins.
        foreach (var (normalized, entry, language) in prepared.Terms)
            if (message == normalized || message.StartsWith(normalized + " ", StringComparison.Ordinal))
                return new Intent.Keyword(entry, language, message == normalized ? null : OriginalRest(text!, normalized));
        return new Intent.Nothing();
    }

    /// <summary>Every word of the set normalized, longest first (ties in the set's order), for <see cref="Read(PreparedKeywords, string?)"/>.</summary>
    public static PreparedKeywords Prepare(KeywordSet set) => new(set,
        [.. (from entry in set.Keywords
             from language in LanguageDetection.Languages
             from term in entry.Terms.In(language)
             let normalized = Normalize(term)
             where normalized.Length > 0
             select (normalized, entry, language)).OrderByDescending(t => t.normalized.Length)]);

    /// <summary>Lower case, no accents, punctuation as spaces (a code's hyphen kept), one space between words.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = LanguageDetection.Fold(text);
        var kept = new StringBuilder(folded.Length);
        foreach (var c in folded) kept.Append(char.IsLetterOrDigit(c) || c == '-' ? c : ' ');
        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>What followed the keyword, as typed (a code's own reader forgives case and separators).</summary>
    private static string? OriginalRest(string text, string normalizedKeyword)
    {
        var words = normalizedKeyword.Split(' ').Length;
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var rest = string.Join(' ', parts.Skip(words));
        return rest.Length == 0 ? null : rest;
    }
}

/// <summary>A keyword set with its words already normalized, longest first: built once per revision of the set.</summary>
public sealed record PreparedKeywords(KeywordSet Set, IReadOnlyList<(string Normalized, KeywordEntry Entry, string Language)> Terms);
