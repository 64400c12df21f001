using Omnichannel.BuildingBlocks.Vocabulary;

namespace Omnichannel.Appointments.Booking;

/// <summary>An appointment as every REST use case answers it.</summary>
public sealed record AppointmentReply(Guid AppointmentId, string Code, string Status, Guid CitizenId, string OfficeId, string ProcedureCode,
    string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil, int Sequence)
{
    /// <summary>As a use case just left it.</summary>
    public static AppointmentReply From(AppointmentState s) => new(s.Ref.AppointmentId, s.Ref.Code, WireEnum.Name(s.Status), s.Ref.CitizenId,
        s.Ref.OfficeId, s.Ref.ProcedureCode, s.Channel, s.StartsAt, s.EndsAt, s.HeldUntil, s.Sequence);

    /// <summary>A write's answer: the appointment as it left it, with its new version as ETag for the next If-Match.</summary>
    public static IResult Written(AppointmentState s, Omnichannel.BuildingBlocks.Http.PreconditionOf write, HttpResponse response)
    {
        if (write.Reached is { } version) response.Headers.ETag = Omnichannel.BuildingBlocks.Http.Versioning.ETag(version);
        return TypedResults.Ok(From(s));
    }

    /// <summary>As read, with the status it has at <paramref name="now"/> (a hold past its time reads as expired).</summary>
    public static AppointmentReply From(AppointmentView v, DateTimeOffset now) => new(v.AppointmentId, v.Code, v.StatusAt(now), v.CitizenId,
        v.OfficeId, v.ProcedureCode, v.Channel, v.StartsAt, v.EndsAt, v.HeldUntil, v.Sequence);
}
