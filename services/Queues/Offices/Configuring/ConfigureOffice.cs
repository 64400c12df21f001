using FluentValidation;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues.Offices;

public sealed record LineRequest(string? Line, string? Prefix, LocalizedText? Names);

public sealed record ConfigureOfficeRequest(LocalizedText? Names, IReadOnlyList<LineRequest>? Lines, OfficeRules? Rules)
{
    public ConfigureOffice ToCommand(string officeId, DateTimeOffset at, string by) => new(officeId, Names!,
        Lines!.Select(l => new LineDefinition(l.Line!, l.Prefix!.ToUpperInvariant(), l.Names ?? new LocalizedText(l.Line!, l.Line!, l.Line!))).ToList(),
        Rules ?? OfficeRules.Default, at, by);
}

public sealed class ConfigureOfficeRequestValidator : AbstractValidator<ConfigureOfficeRequest>
{
    public ConfigureOfficeRequestValidator()
    {
        RuleFor(r => r.Names).NotNull();
        RuleFor(r => r.Names!.Ca).NotEmpty().When(r => r.Names is not null);
        RuleFor(r => r.Names!.Es).NotEmpty().When(r => r.Names is not null);
        RuleFor(r => r.Names!.En).NotEmpty().When(r => r.Names is not null);
        RuleFor(r => r.Lines).NotEmpty();
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Line).NotEmpty().Must(l => l is null || ServiceLines.All.Contains(l))
                .WithMessage($"Unknown line; use: {string.Join(", ", ServiceLines.All)}.");
            line.RuleFor(l => l.Prefix).NotEmpty().Matches("^[A-Za-z]{1,2}$").WithMessage("One or two letters, e.g. P.");
        });
        RuleFor(r => r.Rules!.Point0MaxMinutes).InclusiveBetween(1, 60).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.GeneralMaxMinutes).InclusiveBetween(1, 240).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.WalkInWaitThresholdMinutes).InclusiveBetween(0, 600).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.MaxCalls).InclusiveBetween(1, 10).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.AppointmentCallAheadMinutes).InclusiveBetween(0, 60).When(r => r.Rules is not null);
    }
}
