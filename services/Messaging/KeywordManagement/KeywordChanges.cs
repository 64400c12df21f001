using FluentValidation;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.KeywordManagement;

/// <summary>A keyword as staff write it: its code, its words in Catalan, Spanish and English (synonyms after the first),
/// its answer in the three, and optionally what it looks up with a code or the flow it starts.

/// Buttons under the answer and a place on the map are optional (services/Messaging/Buttons).</summary>
public sealed record KeywordRequest(string? Code, TermsRequest? Terms, TextsRequest? Answer, string? Lookup, string? Flow,
    List<Omnichannel.Messaging.Buttons.ButtonRequest>? Buttons = null, Omnichannel.Messaging.Buttons.LocationRequest? Location = null)
{
    public KeywordEntry ToEntry(string code) => new(code,
        new KeywordTerms(Clean(Terms!.Ca), Clean(Terms.Es), Clean(Terms.En)),
        new LocalizedText(Answer!.Ca!.Trim(), Answer.Es!.Trim(), Answer.En!.Trim()),
        string.IsNullOrWhiteSpace(Lookup) ? null : Lookup, string.IsNullOrWhiteSpace(Flow) ? null : Flow)
    {
        Buttons = [.. (Buttons ?? []).Select(b => b.ToButton())],
        Location = Location?.ToLocation(),
    };

    private static List<string> Clean(List<string>? terms) => (terms ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
}

public sealed record TermsRequest(List<string>? Ca, List<string>? Es, List<string>? En);
public sealed record TextsRequest(string? Ca, string? Es, string? En);

public sealed class KeywordRequestValidator : AbstractValidator<KeywordRequest>
{
    public static readonly string[] Lookups = [KeywordEntry.Lookups.Appointment, KeywordEntry.Lookups.Case, KeywordEntry.Lookups.Incident];
    public static readonly string[] Flows = [KeywordEntry.Flows.Complaint];

    public KeywordRequestValidator()
    {
        RuleFor(r => r.Code).Matches("^[a-z0-9][a-z0-9-]{0,39}$").When(r => r.Code is not null)
            .WithMessage("A keyword's code is 1 to 40 lower-case letters, digits or hyphens, e.g. \"horari\".");
        RuleFor(r => r.Terms).NotNull().WithMessage("Give the words that call the keyword, per language (ca, es, en).");
        RuleFor(r => r.Terms).Must(t => t!.Ca is { Count: > 0 } || t.Es is { Count: > 0 } || t.En is { Count: > 0 }).When(r => r.Terms is not null)
            .WithMessage("Give at least one word in one language.");
        RuleForEach(r => r.Terms!.Ca).Must(Term).When(r => r.Terms?.Ca is not null).WithMessage(TermRule).OverridePropertyName("terms.ca");
        RuleForEach(r => r.Terms!.Es).Must(Term).When(r => r.Terms?.Es is not null).WithMessage(TermRule).OverridePropertyName("terms.es");
        RuleForEach(r => r.Terms!.En).Must(Term).When(r => r.Terms?.En is not null).WithMessage(TermRule).OverridePropertyName("terms.en");
        RuleFor(r => r.Answer).NotNull().WithMessage("Give the answer in Catalan, Spanish and English.");
        RuleFor(r => r.Answer!.Ca).Must(Text).When(r => r.Answer is not null).WithMessage(AnswerRule).OverridePropertyName("answer.ca");
        RuleFor(r => r.Answer!.Es).Must(Text).When(r => r.Answer is not null).WithMessage(AnswerRule).OverridePropertyName("answer.es");
        RuleFor(r => r.Answer!.En).Must(Text).When(r => r.Answer is not null).WithMessage(AnswerRule).OverridePropertyName("answer.en");
        RuleFor(r => r.Lookup).Must(l => l is null || Lookups.Contains(l)).WithMessage($"Use one of {string.Join(", ", Lookups)}, or leave it out.");
        RuleFor(r => r.Flow).Must(f => f is null || Flows.Contains(f)).WithMessage($"Use {string.Join(", ", Flows)}, or leave it out.");
        Buttons.ButtonRules.AddTo(this);
    }

    private const string TermRule = "Each word is 1 to 60 characters with a letter or digit in it.";
    private const string AnswerRule = "Write the answer (up to 4000 characters).";

    private static bool Term(string? term) => term is { Length: > 0 and <= 60 } && KeywordMatching.Normalize(term).Length > 0;
    private static bool Text(string? text) => !string.IsNullOrWhiteSpace(text) && text.Length <= 4000;
}

/// <summary>Changes to a council's keyword set. Pure: given the set, when a change, then the new list (or a rejection).
/// A word may call only one keyword (matched as the citizens' messages are: case, accents, punctuation ignored), and
/// none may be one of the words that ask for the keyword list or for a person.</summary>
public static class KeywordChanges
{
    public static List<KeywordEntry> Create(IReadOnlyList<KeywordEntry> keywords, KeywordEntry entry)
    {
        if (keywords.Any(k => k.Code == entry.Code)) throw Rejection.Conflict($"There is already a keyword '{entry.Code}'.");
        Check(keywords, entry);
        return [.. keywords, entry];
    }

    public static List<KeywordEntry> Update(IReadOnlyList<KeywordEntry> keywords, KeywordEntry entry)
    {
        if (keywords.All(k => k.Code != entry.Code)) throw Rejection.NotFound($"There is no keyword '{entry.Code}'.");
        Check(keywords.Where(k => k.Code != entry.Code).ToList(), entry);
        return keywords.Select(k => k.Code == entry.Code ? entry : k).ToList();
    }

    public static List<KeywordEntry> Delete(IReadOnlyList<KeywordEntry> keywords, string code) =>
        keywords.Any(k => k.Code == code) ? keywords.Where(k => k.Code != code).ToList() : throw Rejection.NotFound($"There is no keyword '{code}'.");

    private static void Check(IReadOnlyList<KeywordEntry> others, KeywordEntry entry)
    {
        var reserved = KeywordMatching.ListWords.Values.Concat(KeywordMatching.OperatorWords.Values).SelectMany(w => w).ToHashSet();
        var lists = Broadcast.Membership.MembershipWords.All.ToList();
        foreach (var term in All(entry).Select(KeywordMatching.Normalize))
        {
            if (reserved.Contains(term)) throw Rejection.Invalid("terms", $"'{term}' is reserved: it asks for the keyword list or for a person.");
            // ALTA/BAIXA/BAJA/JOIN/LEAVE/STOP (alone or before a topic) belong to the broadcast lists.
            if (lists.Any(w => term == w || term.StartsWith(w + " ", StringComparison.Ordinal)))
                throw Rejection.Invalid("terms", $"'{term}' is reserved: it joins or leaves the alert lists.");
            var taken = others.FirstOrDefault(k => All(k).Select(KeywordMatching.Normalize).Contains(term));
            if (taken is not null) throw Rejection.Conflict($"'{term}' already calls the keyword '{taken.Code}'.");
        }
        Buttons.ButtonRules.CheckTargets(others, entry);
    }

    private static IEnumerable<string> All(KeywordEntry k) => k.Terms.Ca.Concat(k.Terms.Es).Concat(k.Terms.En);
}

public sealed class PreviewRequestValidator : AbstractValidator<PreviewRequest>
{
    public PreviewRequestValidator()
    {
        RuleFor(r => r.Message).Must(m => !string.IsNullOrWhiteSpace(m)).WithMessage("Write the message to preview.");
        RuleFor(r => r.Message).MaximumLength(4000);
        RuleFor(r => r.Language).Must(l => l is null || l is "ca" or "es" or "en").WithMessage("ca, es or en, or leave it out.");
    }
}
