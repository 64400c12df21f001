using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Appointments.LookingUp;

/// <summary>GET /api/appointments/offices/{officeId}/appointments?date= (staff): the office's appointments of one local
/// day (default today, in the office's calendar), by time — what the front desk checks citizens in against. A hold
/// past its time is left out: nobody is coming for it.</summary>
public static class OfficeDayEndpoint
{
    public static async Task<IResult> Handle(string officeId, DateOnly? date, IQuerySession session, IBusinessCalendars calendars, TimeProvider clock, CancellationToken ct)
    {
        var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct) ?? throw Rejection.NotFound("There is no such office.");
        var calendar = calendars.For(office.Calendar);
        var now = clock.GetUtcNow();
        var day = DatePolicy.Check("date", date) ?? calendar.LocalDate(now);
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        var from = new DateTimeOffset(midnight, calendar.TimeZone.GetUtcOffset(midnight));
        var to = from.AddDays(1);
        var views = await session.Query<AppointmentView>()
            .Where(a => a.OfficeId == officeId && a.StartsAt >= from && a.StartsAt < to).ToListAsync(ct);
        return TypedResults.Ok(views.Select(v => AppointmentReply.From(v, now)).Where(a => a.Status != "expired")
            .OrderBy(a => a.StartsAt).ThenBy(a => a.Code, StringComparer.Ordinal).ToList());
    }
}
