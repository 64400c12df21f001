namespace Omnichannel.Appointments.Booking;

/// <summary>An appointment as every REST use case answers it.</summary>
public sealed record AppointmentReply(Guid AppointmentId, string Code, string Status, Guid CitizenId, string OfficeId, string ProcedureCode,
    string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil, int Sequence)
{
    /// <summary>As a use case just left it.</summary>
    public static AppointmentReply From(AppointmentState s) => new(s.Ref.AppointmentId, s.Ref.Code, Omnichannel.BuildingBlocks.Vocabulary.WireEnum.Name(s.Status), s.Ref.CitizenId,
        s.Ref.OfficeId, s.Ref.ProcedureCode, s.Channel, s.StartsAt, s.EndsAt, s.HeldUntil, s.Sequence);

    /// <summary>As read, with the status it has at <paramref name="now"/> (a hold past its time reads as expired).</summary>
    public static AppointmentReply From(AppointmentView v, DateTimeOffset now) => new(v.AppointmentId, v.Code, v.StatusAt(now), v.CitizenId,
        v.OfficeId, v.ProcedureCode, v.Channel, v.StartsAt, v.EndsAt, v.HeldUntil, v.Sequence);
}
