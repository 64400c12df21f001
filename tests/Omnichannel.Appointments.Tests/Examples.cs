using Omnichannel.Appointments;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Tests;

/// <summary>A central office open on the default on-site hours (Mon–Thu 9–18, Fri 9–15, Catalan holidays), 2 desks for
/// census registration in 20-minute slots; a "24/7" office for DST days.</summary>
public static class Examples
{
    public static readonly BusinessCalendars Calendars = new(new BusinessCalendarOptions
    {
        Calendars = new(StringComparer.OrdinalIgnoreCase)
        {
            ["always"] = new CalendarHoursOptions
            {
                Monday = ["00:00-24:00"], Tuesday = ["00:00-24:00"], Wednesday = ["00:00-24:00"], Thursday = ["00:00-24:00"],
                Friday = ["00:00-24:00"], Saturday = ["00:00-24:00"], Sunday = ["00:00-24:00"],
            },
        },
        UseCatalanHolidays = true,
    });

    public static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
    public const string Procedure = "census-registration";
    public const string OfficeId = "connecta-space";
    public static readonly TimeSpan Slot = TimeSpan.FromMinutes(20);
    public static readonly BookingPolicy Policy = new();

    /// <summary>Tuesday 1 December 2026, 10:00 in Madrid (CET, +01:00).</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Wednesday 2 December 2026 at 09:00, 09:20, … Madrid time.</summary>
    public static DateTimeOffset Wednesday(int hour, int minute) => new(2026, 12, 2, hour, minute, 0, TimeSpan.FromHours(1));

    public static OfficeView Office(int desks = 2, string calendar = "on-site") => new()
    {
        Id = OfficeState.StreamKey(OfficeId), OfficeId = OfficeId, Name = new("Connecta", "Connecta", "Connecta"), Address = "Plaça de la Muralla, Mataró",
        Calendar = calendar, Desks = 8, Procedures = new() { [Procedure] = desks },
    };

    public static SlotContext Context(OfficeView? office = null) => new(office ?? Office(), Calendars, Slot, Policy);

    public static HoldSlot Hold(DateTimeOffset startsAt, Guid? citizen = null, Guid? appointment = null, DateTimeOffset? now = null, string procedure = Procedure) =>
        new(appointment ?? Guid.NewGuid(), AppointmentCode.New(), citizen ?? Guid.NewGuid(), OfficeId, procedure, startsAt, Channels.Kiosk, now ?? Now);

    public static Rejection Rejected(Action act) => Assert.Throws<Rejection>(act);

    /// <summary>The states after applying every change of a decision.</summary>
    public static (SlotUnit Slot, CitizenAgenda Agenda, AppointmentState Appointment) Apply(IReadOnlyList<Change> changes, HoldSlot hold,
        SlotUnit? slot = null, CitizenAgenda? agenda = null) =>
        (Change.For(changes, SlotUnit.StreamKey(hold.OfficeId, hold.ProcedureCode, hold.StartsAt)).Aggregate(slot ?? SlotUnit.Initial, SlotUnit.Evolve),
         Change.For(changes, CitizenAgenda.StreamKey(hold.CitizenId)).Aggregate(agenda ?? CitizenAgenda.Initial, CitizenAgenda.Evolve),
         Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId)).Aggregate(AppointmentState.Initial, AppointmentState.Evolve));
}
