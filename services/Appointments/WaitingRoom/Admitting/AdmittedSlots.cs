using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Appointments.WaitingRoom.Admitting;

/// <summary>
/// The free times an admitted client is offered with its turn. Admitting the places left at once lets a few hundred in
/// the same instant: were each to search first, every booking in between would make the next search compute afresh,
/// and all would reach for the first free time and collide. The turn brings the window's free times (one computation
/// shared by everyone woken together), starting at a different place for each admitted client: the place at its rank
/// among those admitted and not yet booked. Clients admitted together hold ranks 0, 1, 2… over the same free places, and
/// a booking takes both a place and a rank away, so the ranks behind it still point at their own places: no two clients
/// reach for the same seat (a rank from the arrival number, which gaps and other rooms share, made a quarter collide and
/// burn their booking attempts on 409s).
/// </summary>
public static class AdmittedSlots
{
    /// <summary>Free times offered with a turn: enough to try another if the first was just taken.</summary>
    public const int Offered = 10;

    /// <summary>The turn with its free times when admitted; <paramref name="entry"/>'s <c>Ahead</c> is then its rank.
    /// The rank and the free times must be of one moment: a booking by someone ahead between the two shifts the rank by
    /// one against the list, and the client reaches for a neighbour's seat (who then collides too). The rank read before
    /// the list is read again after it; the pair is used when no one ahead booked in between (a few tries, then the last
    /// pair). A crowd admitted together reads its turns while the first of it are already booking. The reads after the
    /// list are shared by the room's clients asking at once (<see cref="WaitingRoomStore.AdmittedAheadAsync(string, EntryRow, CancellationToken)"/>).</summary>
    public static async Task<Turn> WithSlotsAsync(Turn turn, EntryRow entry, SlotFinder finder, WaitingRoomStore store, CancellationToken ct)
    {
        if (turn.State != TurnState.Admitted) return turn;
        var room = entry.Room;
        var rank = entry.Ahead;
        IReadOnlyList<FreeSlot> slots = [];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var finding = System.Diagnostics.Stopwatch.GetTimestamp();
            (slots, _) = await finder.FindAsync(room.ProcedureCode, room.OfficeId, room.FirstDay, room.LastDay, ct);
            WaitingRoomTimings.Record("slots find", finding);
            var ranking = System.Diagnostics.Stopwatch.GetTimestamp();
            var after = await store.AdmittedAheadAsync(RequestContext.RequiredTenantId, entry, ct);
            WaitingRoomTimings.Record("slots rank", ranking);
            if (after == rank) break;
            rank = after;
        }
        return turn with { Slots = Spread(slots, rank) };
    }

    /// <summary>The free slots starting with the one holding place <c>rank mod free places</c> (a slot with more free
    /// places is first for more clients), then the ones after it, wrapping round; at most <see cref="Offered"/>. Pure.</summary>
    public static IReadOnlyList<FreeSlot> Spread(IReadOnlyList<FreeSlot> slots, long rank)
    {
        var free = slots.Where(s => s.Free > 0).ToList();
        var places = free.Sum(s => (long)s.Free);
        if (places == 0) return [];
        var place = (rank % places + places) % places;
        var first = 0;
        while (place >= free[first].Free)
        {
            place -= free[first].Free;
            first++;
        }
        return Enumerable.Range(0, Math.Min(Offered, free.Count)).Select(i => free[(first + i) % free.Count]).ToList();
    }
}
