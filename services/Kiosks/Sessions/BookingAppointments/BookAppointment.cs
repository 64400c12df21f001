using System.Globalization;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;

namespace Omnichannel.Kiosks.Sessions.BookingAppointments;

/// <summary><c>startsAt</c>: a slot's start as <c>appointment-slots</c> gave it.</summary>
public sealed record BookAppointmentRequest(string? ProcedureCode, DateTimeOffset? StartsAt);

public sealed class BookAppointmentRequestValidator : AbstractValidator<BookAppointmentRequest>
{
    public BookAppointmentRequestValidator()
    {
        RuleFor(r => r.ProcedureCode).NotEmpty().MaximumLength(60).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("A procedure code, e.g. 'census-certificate'.");
        RuleFor(r => r.StartsAt).NotNull();
    }
}

/// <summary>The booked appointment: its code (what the citizen shows or types to check in), where and when.</summary>
public sealed record BookedAppointment(string Code, string OfficeId, string ProcedureCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);

public sealed record KioskSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);

public sealed record KioskSlots(string OfficeId, string ProcedureCode, int SlotMinutes, IReadOnlyList<KioskSlot> Slots);

public static class BookAppointmentEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, BookAppointmentRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var key = SessionsState.StreamKey(own.KioskId);
        var (state, _) = await session.LoadAsync(key, SessionsState.Initial, SessionsState.Evolve, ct);
        var citizen = SessionDecisions.CitizenToBookFor(state, sessionId);

        var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
        var reply = await NeighbourCalls.CallAsync("appointments", async () => await book.BookAsync(new BookRequest
        {
            CitizenId = citizen.ToString(), ProcedureCode = request.ProcedureCode!, OfficeId = own.OfficeId,
            StartsAt = request.StartsAt!.Value.ToString("O", CultureInfo.InvariantCulture), Channel = Channels.Kiosk,
        }, cancellationToken: ct), ct);

        var command = new RecordAction(own.KioskId, sessionId, SessionAction.AppointmentBooked, reply.Code, clock.GetUtcNow(), IssuedWhileOpen: true);
        await session.DecideAndAppendAsync(key, SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);
        return TypedResults.Created($"/api/appointments/by-code/{reply.Code}", new BookedAppointment(reply.Code, reply.OfficeId, reply.ProcedureCode,
            Instant(reply.StartsAt), Instant(reply.EndsAt), reply.Status));
    }

    /// <summary>Free slots for a procedure at the kiosk's own office (from today, or <c>from</c>/<c>to</c>, local dates).</summary>
    public static async Task<IResult> Slots(string kioskId, string? procedureCode, DateOnly? from, DateOnly? to, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(procedureCode)) throw BuildingBlocks.Domain.Rejection.Invalid("procedureCode", "Say which procedure the appointment is for.");
        var own = KioskIdentity.Of(http.User)!;
        var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
        var reply = await NeighbourCalls.CallAsync("appointments", async () => await book.FindSlotsAsync(new FindSlotsRequest
        {
            ProcedureCode = procedureCode, OfficeId = own.OfficeId,
            From = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", To = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        }, cancellationToken: ct), ct);
        return TypedResults.Ok(new KioskSlots(own.OfficeId, procedureCode, reply.SlotMinutes,
            [.. reply.Slots.Where(s => s.OfficeId == own.OfficeId).Select(s => new KioskSlot(Instant(s.StartsAt), Instant(s.EndsAt), s.Free))]));
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
