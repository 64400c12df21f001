using FluentValidation;
using Omnichannel.Contracts;

namespace Omnichannel.Procedures.Catalogue;

/// <summary>The body staff send to publish or revise a procedure (the demo catalogue has the same shape).</summary>
public sealed record ProcedureRequest(
    string? Code,
    string? Category,
    LocalizedText? Names,
    LocalizedText? Guidance,
    IReadOnlyList<string>? Channels,
    int AverageAttentionMinutes,
    bool AttachmentsRequired,
    IReadOnlyList<LocalizedText>? DocumentsRequired,
    IReadOnlyList<string>? Keywords,
    string? EOfficeUrl)
{
    public ProcedureDetails ToDetails() => new(
        Category!.Trim(),
        Trim(Names!),
        Trim(Guidance!),
        Channels!.Distinct().Order(StringComparer.Ordinal).ToList(),
        AverageAttentionMinutes,
        AttachmentsRequired,
        (DocumentsRequired ?? []).Select(Trim).ToList(),
        (Keywords ?? []).Select(k => k.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList(),
        string.IsNullOrWhiteSpace(EOfficeUrl) ? null : EOfficeUrl.Trim());

    private static LocalizedText Trim(LocalizedText t) => new(t.Ca.Trim(), t.Es.Trim(), t.En.Trim());
}

public sealed class ProcedureRequestValidator : AbstractValidator<ProcedureRequest>
{
    /// <summary>Words that name other resources under /api/procedures and so cannot be procedure codes.</summary>
    public static readonly IReadOnlySet<string> ReservedCodes = new HashSet<string> { "cases", "campaigns" };

    public ProcedureRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("Use lower-case letters, digits and hyphens, e.g. 'census-certificate'.")
            .MaximumLength(60)
            .Must(code => code is null || !ReservedCodes.Contains(code)).WithMessage("This word is reserved; choose another code.");
        RuleFor(r => r.Category).NotEmpty().MaximumLength(40);
        RuleFor(r => r.Names).NotNull().SetValidator(new LocalizedTextValidator(200)!);
        RuleFor(r => r.Guidance).NotNull().SetValidator(new LocalizedTextValidator(2000)!);
        RuleFor(r => r.Channels).NotEmpty().WithMessage("Say at least one channel where the procedure can be done.");
        RuleForEach(r => r.Channels).Must(Contracts.Channels.IsKnown).WithMessage(Contracts.Channels.UnknownMessage);
        RuleFor(r => r.AverageAttentionMinutes).InclusiveBetween(1, 480);
        RuleFor(r => r.DocumentsRequired).Must(d => d is null || d.Count <= 30).WithMessage("At most 30 documents.");
        RuleForEach(r => r.DocumentsRequired).NotNull().SetValidator(new LocalizedTextValidator(300));
        // Keywords feed the catalogue search: a bounded list of short words, not a text dump.
        RuleFor(r => r.Keywords).Must(k => k is null || k.Count <= 40).WithMessage("At most 40 keywords.");
        RuleForEach(r => r.Keywords).NotEmpty().MaximumLength(40);
        RuleFor(r => r.EOfficeUrl)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp))
            .When(r => !string.IsNullOrWhiteSpace(r.EOfficeUrl)).WithMessage("Give an absolute http(s) link.");
    }
}

/// <summary>Every text a citizen sees exists in Catalan, Spanish and English.</summary>
public sealed class LocalizedTextValidator : AbstractValidator<LocalizedText>
{
    public LocalizedTextValidator(int maxLength)
    {
        RuleFor(t => t.Ca).NotEmpty().MaximumLength(maxLength);
        RuleFor(t => t.Es).NotEmpty().MaximumLength(maxLength);
        RuleFor(t => t.En).NotEmpty().MaximumLength(maxLength);
    }
}
