using FluentValidation;
using Marten;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices.Closing;

public sealed record ClosureRequest(DateOnly? Date, string? Reason);

public sealed class ClosureRequestValidator : AbstractValidator<ClosureRequest>
{
    public ClosureRequestValidator()
    {
        RuleFor(r => r.Date).NotNull();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(300);
    }
}

public sealed record DeclareClosure(string OfficeId, DateOnly Date, string Reason, DateTimeOffset At, string By);

public static class DeclareClosureDecision
{
    public static IReadOnlyList<object> Decide(DeclareClosure command, OfficeState state, DateOnly today)
    {
        if (!state.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        if (command.Date < today) throw Rejection.Invalid("date", "A closure cannot be declared for a past date.");
        return state.Closures.Contains(command.Date)
            ? []
            : [new OfficeClosureDeclared(command.OfficeId, command.Date, command.Reason, command.At, command.By)];
    }
}

public static class DeclareClosureEndpoint
{
    public static async Task<IResult> Handle(string officeId, ClosureRequest request, IDocumentSession session, SlotSearchCache searches, IBusinessCalendars calendars, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var command = new DeclareClosure(officeId, request.Date!.Value, request.Reason!.Trim(), now, http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => DeclareClosureDecision.Decide(command, state, calendars.For("on-site").LocalDate(now)), ct);
        searches.SlotsChanged(session.TenantId);
        return TypedResults.Ok(new DeclaredClosure(officeId, command.Date, result.Version));
    }
}

/// <summary>What declaring a closure answers: the day closed and the office's version.</summary>
public sealed record DeclaredClosure(string OfficeId, DateOnly Date, long Version);
