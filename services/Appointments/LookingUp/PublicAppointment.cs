using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.LookingUp;

/// <summary>
/// An appointment as anyone holding its personal code sees it: when, where, for what, and its id to cancel, move or
/// check in with. Not the citizen it belongs to: a code read over a counter or found on a screenshot must not lead to
/// a citizen's profile. Its own type, so a field added for staff never reaches the public look-up by accident.
/// </summary>
public sealed record PublicAppointment(Guid AppointmentId, string Code, string Status, string OfficeId, string ProcedureCode,
    string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil, int Sequence)
{
    /// <summary>As read, with the status it has at <paramref name="now"/> (a hold past its time reads as expired).</summary>
    public static PublicAppointment Of(AppointmentView v, DateTimeOffset now) => new(v.AppointmentId, v.Code, v.StatusAt(now),
        v.OfficeId, v.ProcedureCode, v.Channel, v.StartsAt, v.EndsAt, v.HeldUntil, v.Sequence);
}
