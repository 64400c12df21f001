using Omnichannel.Testing;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Tests;

/// <summary>Against the real event store: many citizens racing for one slot, and a reschedule racing bookers.</summary>
public sealed class ConcurrencyTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Office = "connecta-space";
    private const string Procedure = "census-registration"; // 4 desks at the central office in the demo data

    /// <summary>A slot start on the grid of a working weekday a couple of weeks ahead (20-minute slots from 09:00).</summary>
    private static DateTimeOffset NextWorkingSlot(int dayOffset, int slotIndex)
    {
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(dayOffset);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday or DayOfWeek.Friday
            || BuildingBlocks.Calendar.CatalanHolidays.All.Contains(day)) day = day.AddDays(1);
        var local = day.ToDateTime(new TimeOnly(9, 0)).AddMinutes(20 * slotIndex);
        return new DateTimeOffset(local, madrid.GetUtcOffset(local));
    }

    [Fact]
    public async Task Many_citizens_booking_the_same_slot_at_once_get_exactly_its_capacity()
    {
        var start = NextWorkingSlot(14, 3);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await fixture.WithBookings(b => b.HoldAsync(Guid.NewGuid(), Office, Procedure, start, Channels.Online, confirm: true, CancellationToken.None)) is { } s ? "booked" : "?";
            }
            catch (Rejection r) when (r.Kind == RejectionKind.Conflict)
            {
                return "taken";
            }
        })));
        Assert.Equal(4, outcomes.Count(o => o == "booked"));
        Assert.Equal(20, outcomes.Count(o => o == "taken"));
    }

    [Fact]
    public async Task A_reschedule_racing_bookers_for_the_new_slot_never_loses_the_old_one()
    {
        var from = NextWorkingSlot(15, 5);
        var to = NextWorkingSlot(15, 8);
        var citizen = Guid.NewGuid();
        var mine = await fixture.WithBookings(b => b.HoldAsync(citizen, Office, Procedure, from, Channels.Phone, confirm: true, CancellationToken.None));

        var rescheduled = Task.Run(async () =>
        {
            try { await fixture.WithBookings(b => b.RescheduleAsync(mine.Ref.AppointmentId, to, Channels.Phone, CancellationToken.None)); return true; }
            catch (Rejection) { return false; }
        });
        var others = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            try { await fixture.WithBookings(b => b.HoldAsync(Guid.NewGuid(), Office, Procedure, to, Channels.Online, confirm: true, CancellationToken.None)); return true; }
            catch (Rejection) { return false; }
        })).ToList();
        var moved = await rescheduled;
        var othersBooked = (await Task.WhenAll(others)).Count(x => x);

        var seat = await fixture.WithBookings(async b =>
        {
            await using var session = fixture.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(Tokens.Tenant);
            var view = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(mine.Ref.AppointmentId));
            var oldSlot = await session.LoadAsync<Slots.SlotOccupancy>(Slots.SlotUnit.StreamKey(Office, Procedure, from));
            var newSlot = await session.LoadAsync<Slots.SlotOccupancy>(Slots.SlotUnit.StreamKey(Office, Procedure, to));
            return (view!, oldSlot!, newSlot!);
        });
        var (appointment, oldOccupancy, newOccupancy) = seat;
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.Equal(moved ? to : from, appointment.StartsAt);
        Assert.Equal(moved, newOccupancy.Occupants.Any(o => o.AppointmentId == mine.Ref.AppointmentId));
        Assert.Equal(!moved, oldOccupancy.Occupants.Any(o => o.AppointmentId == mine.Ref.AppointmentId));
        Assert.Equal(4, newOccupancy.Occupants.Count);
        Assert.Equal(moved ? 3 : 4, othersBooked);
    }
}
