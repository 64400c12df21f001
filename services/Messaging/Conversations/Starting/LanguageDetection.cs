using System.Globalization;
using System.Text;

namespace Omnichannel.Messaging.Conversations.Starting;

/// <summary>
/// The language to speak to someone the platform does not know yet, from their first message: what their app says
/// (Telegram's language_code) when it is one of ours, else the words they wrote (a few very common words of each
/// language, accents ignored), else Catalan, the council's own. Pure.
/// </summary>
public static class LanguageDetection
{
    public static readonly IReadOnlyList<string> Languages = ["ca", "es", "en"];
    public const string Default = "ca";

    private static readonly Dictionary<string, string[]> Words = new()
    {
        // Words frequent in short messages to a council that belong to one language only (accents stripped).
        ["ca"] = ["bon", "dia", "bona", "tarda", "vull", "voldria", "sisplau", "si us plau", "merces", "gracies", "com", "puc", "meu", "meva", "hi", "ha", "quan", "obert", "oberta", "demanar", "tramit", "paraules", "clau", "horari", "padro", "cita", "avui", "dema", "amb", "perque", "els", "les", "aquest", "aquesta", "es", "estic"],
        ["es"] = ["buenos", "buenas", "dias", "quiero", "quisiera", "por", "favor", "gracias", "como", "puedo", "mi", "hay", "cuando", "abierto", "abierta", "pedir", "tramite", "palabras", "clave", "horario", "padron", "cita", "hoy", "manana", "con", "porque", "los", "las", "este", "esta", "estoy", "el", "una"],
        ["en"] = ["hello", "hi", "good", "morning", "afternoon", "want", "would", "like", "please", "thanks", "thank", "you", "how", "can", "my", "is", "there", "when", "open", "ask", "keywords", "hours", "register", "appointment", "today", "tomorrow", "with", "because", "the", "this", "i", "am"],
    };

    public static string Detect(string? languageHint, string? text)
    {
        if (Hint(languageHint) is { } hinted) return hinted;
        return FromText(text) ?? Default;
    }

    /// <summary>"ca", "es-ES", "en-GB" → ours; anything else → null.</summary>
    public static string? Hint(string? languageHint)
    {
        if (string.IsNullOrWhiteSpace(languageHint)) return null;
        var primary = languageHint.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Languages.Contains(primary) ? primary : null;
    }

    /// <summary>The language whose common words the text uses most; null when none stands out.</summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var tokens = Fold(text).Split([' ', ',', '.', '!', '?', ';', ':', '\'', '"', '(', ')', '\n', '\r', '\t', '¿', '¡'], StringSplitOptions.RemoveEmptyEntries);
        var scores = Words.ToDictionary(w => w.Key, w => tokens.Count(t => w.Value.Contains(t)));
        var best = scores.OrderByDescending(s => s.Value).ToList();
        return best[0].Value > 0 && best[0].Value > best[1].Value ? best[0].Key : null;
    }

    /// <summary>Lower case, accents and the Catalan middle dot removed: "Què", "que" and "QUE" read alike.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Replace("l·l", "ll").Replace("l.l", "ll").Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) kept.Append(c);
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
