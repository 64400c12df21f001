using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.CheckingIn;

public sealed record CheckInRequest(string? Channel);

/// <summary>The citizen arrived (kiosk, welcome desk): puts them on the office's appointment line.</summary>
public static class CheckInEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, CheckInRequest? request, Bookings bookings, CancellationToken ct) =>
        TypedResults.Ok(AppointmentReply.From(await bookings.CheckInAsync(appointmentId, request?.Channel, ct)));
}

public static class AppointmentCheckingIn
{
    public static Task<AppointmentState> CheckInAsync(this Bookings bookings, Guid appointmentId, string? channel, CancellationToken ct) =>
        bookings.OnAppointmentAsync(appointmentId, (_, appointment) => Task.FromResult<IReadOnlyList<Change>>(
            [new(AppointmentState.StreamKey(appointmentId), CheckInDecision.Decide(new CheckIn(appointmentId, channel, bookings.Clock.GetUtcNow()), appointment, bookings.Policy))]), ct);
}
