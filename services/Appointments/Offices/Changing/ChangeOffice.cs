using FluentValidation;
using Marten;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices.Changing;

/// <summary>The office's whole description as it should now be (as on registration, without the id).</summary>
public sealed record ChangeOfficeRequest(LocalizedText? Name, string? Address, string? Calendar, int? Desks) : IOfficeDescriptionRequest;

public sealed class ChangeOfficeRequestValidator : AbstractValidator<ChangeOfficeRequest>
{
    public ChangeOfficeRequestValidator()
    {
        Include(new OfficeDescriptionValidator());
    }
}

public sealed record ChangeOffice(string OfficeId, LocalizedText Name, string Address, string Calendar, int Desks, DateTimeOffset At, string By);

public static class ChangeOfficeDecision
{
    /// <summary>The same description again changes nothing; fewer desks than a procedure is served with is refused
    /// (serve the procedure with fewer desks first), so no slot is promised by a desk that is gone.</summary>
    public static IReadOnlyList<object> Decide(ChangeOffice command, OfficeState state, IReadOnlyCollection<string> calendars)
    {
        if (!state.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        OfficeDescriptionValidator.EnsureKnownCalendar(command.Calendar, calendars);
        if (state.Procedures.Where(p => p.Value > command.Desks).Select(p => p.Key).Order(StringComparer.Ordinal).FirstOrDefault() is { } busy)
            throw Rejection.Invalid("desks", $"'{busy}' is served with {state.Procedures[busy]} desks; serve it with at most {command.Desks} first.");
        var description = new OfficeDescription(command.Name, command.Address, command.Calendar, command.Desks);
        return state.Description == description
            ? []
            : [new OfficeChanged(command.OfficeId, command.Name, command.Address, command.Calendar, command.Desks, command.At, command.By)];
    }
}

public static class ChangeOfficeEndpoint
{
    /// <summary>PUT /api/appointments/offices/{officeId}: If-Match with the office's version (its ETag) is honoured.</summary>
    public static async Task<IResult> Handle(string officeId, ChangeOfficeRequest request, IDocumentSession session, SlotSearchCache searches,
        IBusinessCalendars calendars, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ChangeOffice(officeId, request.Name!, request.Address!.Trim(), request.Calendar!, request.Desks!.Value, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => ChangeOfficeDecision.Decide(command, state, calendars.Names), ct, Versioning.ExpectedVersion(http.Request));
        if (result.Events.Count > 0) searches.SlotsChanged(session.TenantId);
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new OfficeVersion(officeId, result.Version));
    }
}
