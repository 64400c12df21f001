using Omnichannel.Testing;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Tests;

/// <summary>Against the real event store: many citizens racing for one slot, and a reschedule racing bookers.</summary>
public sealed class ConcurrencyTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Office = "connecta-space";
    private const string Procedure = "census-registration"; // 4 desks at the central office in the demo data

    [Fact]
    public async Task Many_citizens_booking_the_same_slot_at_once_get_exactly_its_capacity()
    {
        var start = StoreFixture.NextWorkingSlot(14, 3);
        var citizens = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => fixture.RegisterCitizenAsync()));
        var outcomes = await Task.WhenAll(citizens.Select(citizen => Task.Run(async () =>
        {
            try
            {
                return await fixture.WithBookings(b => b.HoldAsync(citizen, Office, Procedure, start, Channels.Online, confirm: true, CancellationToken.None)) is { } s ? "booked" : "?";
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
        var from = StoreFixture.NextWorkingSlot(15, 5);
        var to = StoreFixture.NextWorkingSlot(15, 8);
        var citizen = await fixture.RegisterCitizenAsync();
        var rivals = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => fixture.RegisterCitizenAsync()));
        var mine = await fixture.WithBookings(b => b.HoldAsync(citizen, Office, Procedure, from, Channels.Phone, confirm: true, CancellationToken.None));

        var rescheduled = Task.Run(async () =>
        {
            try { await fixture.WithBookings(b => b.RescheduleAsync(mine.Ref.AppointmentId, to, Channels.Phone, CancellationToken.None)); return true; }
            catch (Rejection) { return false; }
        });
        var others = rivals.Select(rival => Task.Run(async () =>
        {
            try { await fixture.WithBookings(b => b.HoldAsync(rival, Office, Procedure, to, Channels.Online, confirm: true, CancellationToken.None)); return true; }
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

    [Fact]
    public async Task A_place_another_replica_frees_is_offered_again_though_this_process_remembered_the_slot_full()
    {
        var start = StoreFixture.NextWorkingSlot(16, 2);
        var citizens = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fixture.RegisterCitizenAsync()));
        var first = await Book(citizens[0], start);
        foreach (var citizen in citizens[1..4]) await Book(citizen, start);
        await Assert.ThrowsAsync<Rejection>(() => Book(citizens[4], start));

        await AppendAsAnotherReplica(Slots.SlotUnit.StreamKey(Office, Procedure, start), new Slots.SlotFreed(first.Ref.AppointmentId, "cancelled", DateTimeOffset.UtcNow));
        // A refusal may come from a remembered state only while it is fresh (a second), like a search's answer.
        fixture.GateClock.Advance(SlotGate.FreshFor);

        var late = await Book(citizens[4], start);
        Assert.Equal(AppointmentStatus.Booked, late.Status);
    }

    [Fact]
    public async Task A_place_another_replica_takes_is_counted_though_this_process_remembered_it_free()
    {
        var start = StoreFixture.NextWorkingSlot(17, 4);
        var citizens = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.RegisterCitizenAsync()));
        foreach (var citizen in citizens[..2]) await Book(citizen, start);
        var slotKey = Slots.SlotUnit.StreamKey(Office, Procedure, start);
        await AppendAsAnotherReplica(slotKey,
            new Slots.SlotTaken(Office, Procedure, Guid.NewGuid(), Guid.NewGuid(), start, start.AddMinutes(20), null, DateTimeOffset.UtcNow));

        // This process remembers two places taken; the stream has three. The last place goes to one citizen only.
        var third = await Book(citizens[2], start);
        var refusal = await Assert.ThrowsAsync<Rejection>(() => Book(citizens[3], start));

        Assert.Equal(AppointmentStatus.Booked, third.Status);
        Assert.Equal(RejectionKind.Conflict, refusal.Kind);
        await using var session = fixture.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(Tokens.Tenant);
        Assert.Equal(4, (await session.LoadAsync<Slots.SlotOccupancy>(slotKey))!.Occupants.Count);
    }

    private Task<AppointmentState> Book(Guid citizen, DateTimeOffset start) =>
        fixture.WithBookings(b => b.HoldAsync(citizen, Office, Procedure, start, Channels.Online, confirm: true, CancellationToken.None));

    /// <summary>A write to a slot stream that did not pass through this process's bookings, as another replica's would.</summary>
    private async Task AppendAsAnotherReplica(string streamKey, object @event)
    {
        await using var session = fixture.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession(Tokens.Tenant);
        session.Events.Append(streamKey, @event);
        await session.SaveChangesAsync();
    }
}
