using Omnichannel.BuildingBlocks.Http;
using FluentValidation;
using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Slots;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Rescheduling;

public sealed record RescheduleRequest(DateTimeOffset? StartsAt, string? Channel);

public sealed class RescheduleRequestValidator : AbstractValidator<RescheduleRequest>
{
    public RescheduleRequestValidator()
    {
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.Channel).Must(c => c is null || Channels.IsKnown(c)).WithMessage(Channels.UnknownMessage);
    }
}

/// <summary>Moves an appointment to another slot, atomically: it keeps its old slot unless it gets the new one.</summary>
public static class RescheduleAppointmentEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, RescheduleRequest request, Bookings bookings, HttpContext http, CancellationToken ct)
    {
        var precondition = Versioning.Precondition(http.Request);
        return AppointmentReply.Written(await bookings.RescheduleAsync(appointmentId, request.StartsAt!.Value, request.Channel, ct, precondition), precondition, http.Response);
    }
}

public static class AppointmentRescheduling
{
    public static Task<AppointmentState> RescheduleAsync(this Bookings bookings, Guid appointmentId, DateTimeOffset newStartsAt, string? channel, CancellationToken ct, PreconditionOf? precondition = null) =>
        bookings.OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            var a = appointment.Ref;
            var now = bookings.Clock.GetUtcNow();
            if (!appointment.Exists) return RescheduleDecision.Decide(new(appointmentId, newStartsAt, channel, now), appointment, SlotUnit.Initial, SlotUnit.Initial, CitizenAgenda.Initial, null!);
            var procedure = await bookings.Procedures.GetAsync(a.ProcedureCode, ct);
            var office = await set.Session.LoadAsync<OfficeView>(OfficeState.StreamKey(a.OfficeId), ct);
            var oldSlot = await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var newSlot = newStartsAt == appointment.StartsAt
                ? oldSlot
                : await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, newStartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var agenda = await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return RescheduleDecision.Decide(new(appointmentId, newStartsAt, channel, now), appointment, oldSlot, newSlot, agenda,
                new SlotContext(office, bookings.Calendars, procedure.SlotLength, bookings.Policy));
        }, ct, precondition);
}
