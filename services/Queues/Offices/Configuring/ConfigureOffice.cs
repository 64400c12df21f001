using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues.Offices.Configuring;

public sealed record LineRequest(string? Line, string? Prefix, LocalizedText? Names);

/// <summary><c>names</c> may be left out: the office directory's name is shown.</summary>
public sealed record ConfigureOfficeRequest(LocalizedText? Names, IReadOnlyList<LineRequest>? Lines, OfficeRules? Rules)
{
    public ConfigureOffice ToCommand(string officeId, DateTimeOffset at, string by) => new(officeId, Names,
        Lines!.Select(l => new LineDefinition(l.Line!, l.Prefix!.ToUpperInvariant(), l.Names ?? new LocalizedText(l.Line!, l.Line!, l.Line!))).ToList(),
        Rules ?? OfficeRules.Default, at, by);
}

public sealed class ConfigureOfficeRequestValidator : AbstractValidator<ConfigureOfficeRequest>
{
    public const int NameMaxLength = 120;
    public const int LineNameMaxLength = 60;

    public ConfigureOfficeRequestValidator()
    {
        // Names show on the display screens and tickets: short, whatever the generic text policy would allow.
        RuleFor(r => r.Names!.Ca).NotEmpty().MaximumLength(NameMaxLength).When(r => r.Names is not null);
        RuleFor(r => r.Names!.Es).NotEmpty().MaximumLength(NameMaxLength).When(r => r.Names is not null);
        RuleFor(r => r.Names!.En).NotEmpty().MaximumLength(NameMaxLength).When(r => r.Names is not null);
        RuleFor(r => r.Lines).NotEmpty().Must(l => l is null || l.Count <= ServiceLines.All.Count * 2)
            .WithMessage($"At most {ServiceLines.All.Count * 2} lines.");
        RuleForEach(r => r.Lines).NotNull().WithMessage("A line, not null.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Line).NotEmpty().Must(l => l is null || ServiceLines.All.Contains(l))
                .WithMessage($"Unknown line; use: {string.Join(", ", ServiceLines.All)}.");
            line.RuleFor(l => l.Prefix).NotEmpty().Matches("^[A-Za-z]{1,2}$").WithMessage("One or two letters, e.g. P.");
            line.RuleFor(l => l.Names!.Ca).NotEmpty().MaximumLength(LineNameMaxLength).When(l => l.Names is not null);
            line.RuleFor(l => l.Names!.Es).NotEmpty().MaximumLength(LineNameMaxLength).When(l => l.Names is not null);
            line.RuleFor(l => l.Names!.En).NotEmpty().MaximumLength(LineNameMaxLength).When(l => l.Names is not null);
        });
        RuleFor(r => r.Rules!.Point0MaxMinutes).InclusiveBetween(1, 60).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.GeneralMaxMinutes).InclusiveBetween(1, 240).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.WalkInWaitThresholdMinutes).InclusiveBetween(0, 600).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.MaxCalls).InclusiveBetween(1, 10).When(r => r.Rules is not null);
        RuleFor(r => r.Rules!.AppointmentCallAheadMinutes).InclusiveBetween(0, 60).When(r => r.Rules is not null);
    }
}

/// <summary><paramref name="Names"/> null: the directory's name is shown.</summary>
public sealed record ConfigureOffice(string OfficeId, LocalizedText? Names, IReadOnlyList<LineDefinition> Lines, OfficeRules Rules, DateTimeOffset At, string By);

public static class ConfigureOfficeDecision
{
    /// <summary>Lines are configured only on an office the directory (appointments) told us of: queues never invent office ids.</summary>
    public static IReadOnlyList<object> Decide(ConfigureOffice command, OfficeState state)
    {
        if (!state.Known)
            throw Rejection.NotFound($"Office '{command.OfficeId}' is not in the office directory: appointments registers offices, then their lines can be configured here.");
        if (command.Lines.Count == 0) throw Rejection.Invalid("lines", "An office needs at least one line.");
        if (command.Lines.Select(l => l.Line).Distinct().Count() != command.Lines.Count) throw Rejection.Invalid("lines", "Each line once.");
        if (command.Lines.Select(l => l.Prefix).Distinct().Count() != command.Lines.Count) throw Rejection.Invalid("lines", "Each line needs its own prefix.");
        if (command.Rules.Point0MaxMinutes > command.Rules.GeneralMaxMinutes)
            throw Rejection.Invalid("rules.point0MaxMinutes", "Point 0 is for procedures shorter than the general line's.");
        var names = command.Names ?? state.Names;
        var configured = new OfficeConfigured(command.OfficeId, names, command.Lines, command.Rules, command.At, command.By);
        return state.Exists && state.Names == names && state.Lines.SequenceEqual(command.Lines) && state.Rules == command.Rules
            ? []
            : [configured];
    }
}

public static class ConfigureOfficeEndpoint
{
    public static async Task<IResult> Handle(string officeId, ConfigureOfficeRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = request.ToCommand(officeId, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => ConfigureOfficeDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new ConfiguredOffice(officeId, result.Version));
    }
}

/// <summary>What configuring an office answers: its id and version (the new ETag).</summary>
public sealed record ConfiguredOffice(string OfficeId, long Version);
