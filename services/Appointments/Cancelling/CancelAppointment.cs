using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Cancelling;

public sealed record CancelRequest(string? Reason, string? Channel);

/// <summary>Cancels an appointment; its slot is free at once.</summary>
public static class CancelAppointmentEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, CancelRequest? request, Bookings bookings, HttpContext http, CancellationToken ct)
    {
        // The body is optional, so the checks are here rather than in a validator; both land in the citizen's history.
        if (request?.Reason is { Length: > 500 }) throw Rejection.Invalid("reason", "At most 500 characters.");
        if (request?.Channel is { } channel && !Channels.IsKnown(channel))
            throw Rejection.Invalid("channel", Channels.UnknownMessage);
        var precondition = Versioning.Precondition(http.Request);
        return AppointmentReply.Written(await bookings.CancelAsync(appointmentId, request?.Reason?.Trim(), request?.Channel, http.User.Subject(), ct, precondition), precondition, http.Response);
    }
}

public static class AppointmentCancelling
{
    public static Task<AppointmentState> CancelAsync(this Bookings bookings, Guid appointmentId, string? reason, string? channel, string by, CancellationToken ct, PreconditionOf? precondition = null) =>
        bookings.OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            var a = appointment.Ref;
            if (appointment.Exists)
            {
                await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
                await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            }
            return CancelDecision.Decide(new CancelAppointment(appointmentId, reason, channel, by, bookings.Clock.GetUtcNow()), appointment);
        }, ct, precondition);
}
