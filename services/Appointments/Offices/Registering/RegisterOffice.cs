using FluentValidation;
using Marten;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices.Registering;

public sealed record RegisterOfficeRequest(string? OfficeId, LocalizedText? Name, string? Address, string? Calendar, int? Desks) : IOfficeDescriptionRequest;

public sealed class RegisterOfficeRequestValidator : AbstractValidator<RegisterOfficeRequest>
{
    public RegisterOfficeRequestValidator()
    {
        RuleFor(r => r.OfficeId).NotEmpty().Matches("^[a-z0-9-]{2,60}$").WithMessage("Lower-case letters, digits and hyphens (2 to 60).");
        Include(new OfficeDescriptionValidator());
    }
}

public sealed record RegisterOffice(string OfficeId, LocalizedText Name, string Address, string Calendar, int Desks, DateTimeOffset At, string By);

public static class RegisterOfficeDecision
{
    public static IReadOnlyList<object> Decide(RegisterOffice command, OfficeState state, IReadOnlyCollection<string> calendars)
    {
        if (state.Exists) throw Rejection.Conflict($"Office '{command.OfficeId}' is already registered.");
        OfficeDescriptionValidator.EnsureKnownCalendar(command.Calendar, calendars);
        return [new OfficeRegistered(command.OfficeId, command.Name, command.Address, command.Calendar, command.Desks, command.At, command.By)];
    }
}

public static class RegisterOfficeEndpoint
{
    public static async Task<IResult> Handle(RegisterOfficeRequest request, IDocumentSession session, SlotSearchCache searches, IBusinessCalendars calendars, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new RegisterOffice(request.OfficeId!, request.Name!, request.Address!.Trim(), request.Calendar!, request.Desks!.Value, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(command.OfficeId), OfficeState.Initial, OfficeState.Evolve,
            state => RegisterOfficeDecision.Decide(command, state, calendars.Names), ct);
        searches.SlotsChanged(session.TenantId);
        return TypedResults.Created($"/api/appointments/offices/{command.OfficeId}", new OfficeVersion(command.OfficeId, result.Version));
    }
}
