using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Appointments.LookingUp;

/// <summary>Reading appointments: by the personal code the citizen was given, by id, and a citizen's list.</summary>
public static class AppointmentLookups
{
    /// <summary>The public view (<see cref="PublicAppointment"/>: not the citizen). A typo in the code is a 400 saying so,
    /// never "no appointment has this code".</summary>
    public static async Task<IResult> ByCode(string code, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var normalized = AppointmentCode.Require(code);
        var view = await session.Query<AppointmentView>().Where(a => a.Code == normalized).FirstOrDefaultAsync(ct)
            ?? throw Rejection.NotFound("No appointment has this code.");
        return TypedResults.Ok(PublicAppointment.Of(view, clock.GetUtcNow()));
    }

    public static async Task<IResult> ById(Guid appointmentId, IQuerySession session, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(appointmentId), ct) ?? throw Rejection.NotFound("There is no such appointment.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(AppointmentReply.From(view, clock.GetUtcNow()));
    }

    public static async Task<IResult> ForCitizen(Guid citizenId, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var views = await session.Query<AppointmentView>().Where(a => a.CitizenId == citizenId).OrderByDescending(a => a.StartsAt).Take(100).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(views.Select(v => AppointmentReply.From(v, now)));
    }
}
