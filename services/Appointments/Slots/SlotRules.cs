using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Confirming;

namespace Omnichannel.Appointments.Slots;

/// <summary>What the booking rules need to know besides the streams: the office, its calendar, the slot length.</summary>
public sealed record SlotContext(OfficeView? Office, IBusinessCalendars Calendars, TimeSpan SlotLength, BookingPolicy Policy);

public static class SlotRules
{
    /// <summary>
    /// The slot starting at <paramref name="startsAt"/> and the places it has, or a rejection saying what is wrong:
    /// an unknown office, a procedure it does not serve, a time in the past or too soon, beyond the horizon, on a
    /// closed day or off the slot grid.
    /// </summary>
    public static (OpenInterval Slot, int Capacity) Check(SlotContext context, string officeId, string procedureCode, DateTimeOffset startsAt, DateTimeOffset now)
    {
        var office = context.Office ?? throw Rejection.NotFound($"There is no office '{officeId}'.");
        var capacity = office.DesksFor(procedureCode);
        if (capacity <= 0)
            throw Rejection.Invalid("procedureCode", $"Office '{officeId}' does not give appointments for '{procedureCode}'.");
        if (startsAt <= now)
            throw Rejection.Invalid("startsAt", "This time has already passed.");
        if (startsAt < now + context.Policy.MinimumNotice)
            throw Rejection.Invalid("startsAt", $"Appointments must be booked at least {context.Policy.MinimumNoticeMinutes} minutes ahead.");

        var calendar = context.Calendars.For(office.Calendar);
        var day = calendar.LocalDate(startsAt);
        if (day > calendar.LocalDate(now).AddDays(context.Policy.BookingHorizonDays))
            throw Rejection.Invalid("startsAt", $"Appointments can be booked up to {context.Policy.BookingHorizonDays} days ahead.");
        if (office.Closures.Contains(day) || calendar.IsHoliday(day) || calendar.HoursOn(day.DayOfWeek).Count == 0)
            throw Rejection.Invalid("startsAt", $"The office is closed on {day:yyyy-MM-dd}.");

        var slots = SlotGrid.On(calendar, office.Closures, day, context.SlotLength);
        var slot = slots.FirstOrDefault(s => s.Start == startsAt);
        if (slot == default)
        {
            var hours = string.Join(", ", calendar.HoursOn(day.DayOfWeek));
            throw Rejection.Invalid("startsAt",
                $"{calendar.ToLocal(startsAt):yyyy-MM-dd HH:mm} is not the start of a slot: the office opens {hours} that day, in slots of {context.SlotLength.TotalMinutes:0} minutes.");
        }
        return (slot, capacity);
    }
}
