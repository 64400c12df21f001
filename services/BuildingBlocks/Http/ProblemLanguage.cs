using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>
/// The language a problem's human text is written in: the request's <c>Accept-Language</c>, Catalan or Spanish when it
/// asks for them (q-values honoured, "ca-ES" is Catalan), else English — as without the header, so callers that send
/// none read exactly what they always did. Only words change: field names, <c>reason</c> codes, statuses and
/// <c>type</c> stay as they are.
/// </summary>
public static class ProblemLanguage
{
    /// <summary>The languages problems are written in besides English.</summary>
    public static readonly string[] Translated = ["ca", "es"];

    /// <summary>"ca" or "es" when the request asks for it before English; null for English (no header, "en", or a
    /// language the platform does not write).</summary>
    public static string? Of(HttpContext http)
    {
        IList<StringWithQualityHeaderValue> asked;
        try
        {
            asked = http.Request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return null; // a malformed header is no reason to refuse the request: English, as without it
        }
        string? best = null;
        var bestQuality = 0.0;
        foreach (var value in asked)
        {
            var quality = value.Quality ?? 1.0;
            if (quality <= bestQuality || value.Value.Value is not { } tag) continue;
            var primary = tag.Split('-', 2)[0].ToLowerInvariant();
            if (primary is not ("ca" or "es" or "en")) continue;
            best = primary;
            bestQuality = quality;
        }
        return best is "en" ? null : best;
    }
}

/// <summary>
/// The Catalan and Spanish of a service's own English problem texts: its validators' <c>.WithMessage(...)</c> and the
/// reasons its endpoints give. One subclass per service, in its own file (found in the service's assembly like its
/// validators); the building blocks hold the texts every service shares (<see cref="SharedProblemTexts"/>). A key is
/// the English text exactly as written; a part that varies is written <c>{name}</c> and kept as it is in the
/// translation ("Unknown line; use: {lines}." → "Línia desconeguda; feu servir: {lines}."), which also covers
/// FluentValidation placeholders such as <c>{MaxLength}</c>, formatted or not. A test (EndToEnd
/// ProblemTextsTests) fails for a validator message without its translation.
/// </summary>
public abstract class ProblemTexts
{
    /// <summary>English text or template → (Catalan, Spanish).</summary>
    public abstract IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; }
}

/// <summary>Writes a problem's human text in the request's language from the shared and the service's tables. A text
/// that no table has stays English (FluentValidation's own messages are already in the language: it follows the
/// culture the validation filter sets).</summary>
public sealed partial class ProblemTranslator
{
    private readonly Dictionary<string, (string Ca, string Es)> exact = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, string[] Names, string Ca, string Es)> templates = [];

    public ProblemTranslator(IEnumerable<ProblemTexts> tables)
    {
        // The shared table first, so a service may word a shared text its own way.
        foreach (var table in tables.OrderBy(t => t is SharedProblemTexts ? 0 : 1))
            foreach (var (english, words) in table.Texts)
            {
                exact[english] = words;
                if (!Placeholder().IsMatch(english)) continue;
                templates.RemoveAll(t => t.Pattern.ToString() == Pattern(english).ToString());
                templates.Add((Pattern(english), Placeholder().Matches(english).Select(m => m.Groups[1].Value).ToArray(), words.Ca, words.Es));
            }
    }

    /// <summary>The tables of the building blocks and of the assembly (a service's), for tests and the service itself.</summary>
    public static ProblemTranslator For(params Assembly[] assemblies) => new(TablesIn(assemblies));

    /// <summary>Whether an English text (or a validator's unformatted template) has its Catalan and Spanish.</summary>
    public bool Knows(string english) => Find(english) is not null;

    /// <summary><paramref name="english"/> in <paramref name="language"/> ("ca", "es"); itself for English or when unknown.</summary>
    public string Translate(string english, string? language)
    {
        if (language is not ("ca" or "es") || Find(english) is not { } found) return english;
        var (words, values) = found;
        var text = language == "ca" ? words.Ca : words.Es;
        return values.Count == 0 ? text : Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    /// <summary>Every human text of a problem in <paramref name="language"/>: title, detail and each field's messages.</summary>
    public void Translate(ProblemDetails problem, string? language)
    {
        if (language is null) return;
        if (problem.Title is { } title) problem.Title = Translate(title, language);
        if (problem.Detail is { } detail) problem.Detail = Translate(detail, language);
        if (problem is not HttpValidationProblemDetails validation) return;
        foreach (var field in validation.Errors.Keys.ToList())
            validation.Errors[field] = validation.Errors[field].Select(m => Translate(m, language)).ToArray();
    }

    private ((string Ca, string Es) Words, IReadOnlyDictionary<string, string> Values)? Find(string english)
    {
        if (exact.TryGetValue(english, out var words)) return (words, new Dictionary<string, string>());
        foreach (var (pattern, names, ca, es) in templates)
            if (pattern.Match(english) is { Success: true } match)
                return ((ca, es), names.Distinct().ToDictionary(n => n, n => match.Groups[n].Value));
        return null;
    }

    private static Regex Pattern(string template)
    {
        var parts = Placeholder().Split(template); // literal, name, literal, name, …, literal
        var pattern = "^";
        var seen = new HashSet<string>();
        for (var i = 0; i < parts.Length; i++)
            pattern += i % 2 == 0 ? Regex.Escape(parts[i]) : seen.Add(parts[i]) ? $"(?<{parts[i]}>.+?)" : $"\\k<{parts[i]}>";
        return new Regex(pattern + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    internal static IEnumerable<ProblemTexts> TablesIn(IEnumerable<Assembly> assemblies) =>
        assemblies.Append(typeof(ProblemTexts).Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(ProblemTexts)) && !t.IsAbstract)
            .Select(t => (ProblemTexts)Activator.CreateInstance(t, nonPublic: true)!);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>Runs FluentValidation's own messages in the request's language: its LanguageManager follows the current
/// UI culture, which is put back afterwards.</summary>
internal static class ValidationCulture
{
    public static async Task<T> InAsync<T>(string? language, Func<Task<T>> validate)
    {
        if (language is null) return await validate();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return await validate();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
