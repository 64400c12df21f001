using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>History lines of the citizens service's own records: a consent given and withdrawn.</summary>
public static class ConsentHistoryTexts
{
    public static LocalizedText Given(string purpose, string version, string language)
    {
        var what = ConsentTexts.PurposeName(purpose);
        return new(
            $"Consentiment donat per {what.Ca} (text del {version}, en {Language(language, "ca")}).",
            $"Consentimiento dado para {what.Es} (texto del {version}, en {Language(language, "es")}).",
            $"Consent given for {what.En} (text of {version}, in {Language(language, "en")}).");
    }

    public static LocalizedText Withdrawn(string purpose)
    {
        var what = ConsentTexts.PurposeName(purpose);
        return new($"Consentiment retirat per {what.Ca}.", $"Consentimiento retirado para {what.Es}.", $"Consent withdrawn for {what.En}.");
    }

    private static string Language(string language, string @in) => (language, @in) switch
    {
        ("es", "ca") => "castellà", ("en", "ca") => "anglès", (_, "ca") => "català",
        ("es", "es") => "castellano", ("en", "es") => "inglés", (_, "es") => "catalán",
        ("es", _) => "Spanish", ("en", _) => "English", _ => "Catalan",
    };
}
