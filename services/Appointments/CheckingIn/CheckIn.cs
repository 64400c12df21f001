using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.CheckingIn;

public sealed record CheckInRequest(string? Channel);

/// <summary>The citizen arrived (kiosk, welcome desk): puts them on the office's appointment line.</summary>
public static class CheckInEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, CheckInRequest? request, Bookings bookings, HttpContext http, CancellationToken ct)
    {
        var precondition = Versioning.Precondition(http.Request);
        return AppointmentReply.Written(await bookings.CheckInAsync(appointmentId, request?.Channel, ct, precondition), precondition, http.Response);
    }
}

public static class AppointmentCheckingIn
{
    public static Task<AppointmentState> CheckInAsync(this Bookings bookings, Guid appointmentId, string? channel, CancellationToken ct, PreconditionOf? precondition = null) =>
        bookings.OnAppointmentAsync(appointmentId, (_, appointment) => Task.FromResult<IReadOnlyList<Change>>(
            [new(AppointmentState.StreamKey(appointmentId), CheckInDecision.Decide(new CheckIn(appointmentId, channel, bookings.Clock.GetUtcNow()), appointment, bookings.Policy))]), ct, precondition);
}
