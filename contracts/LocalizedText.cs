namespace Omnichannel.Contracts;

/// <summary>A text a citizen sees, in the three languages every citizen-facing text has.</summary>
public sealed record LocalizedText(string Ca, string Es, string En)
{
    public static readonly IReadOnlyList<string> Languages = ["ca", "es", "en"];

    /// <summary>The text in <paramref name="language"/> ("ca", "es", "en"); Catalan when unknown.</summary>
    public string In(string? language) => language?.ToLowerInvariant() switch
    {
        "es" => Es,
        "en" => En,
        _ => Ca,
    };
}
