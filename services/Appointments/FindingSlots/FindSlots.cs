using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Appointments.WaitingRoom;
using Omnichannel.Appointments.WaitingRoom.Admitting;

namespace Omnichannel.Appointments.FindingSlots;

/// <summary>Free slots of a procedure (at one office or all), over a range of local days (at most 31), in one call.</summary>
public static class FindSlotsEndpoint
{
    public static async Task<IResult> Handle(string? procedureCode, string? officeId, DateOnly? from, DateOnly? to, HttpContext http, SlotFinder finder,
        WaitingRoomGuard guard, WaitingRoomStore rooms, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(procedureCode)) throw Rejection.Invalid("procedureCode", "Say which procedure the appointment is for.");
        var office = string.IsNullOrWhiteSpace(officeId) ? null : officeId;
        Admission? admission;
        try
        {
            admission = await guard.ForSearchAsync(http, procedureCode, office, from, to, ct);
        }
        catch (NotAdmitted refused)
        {
            return refused.ToResult();
        }
        var (slots, length) = await finder.FindAsync(procedureCode, office, from, to, ct);
        // Admitted, and nothing free in the whole window although places were counted: the count was wrong (a booking
        // around the room, a crash between a booking and its count); say so to everyone still waiting.
        if (admission is { Room: var room } && slots.Count == 0 && (office is null || office == room.OfficeId)
            && from <= room.FirstDay && to >= room.LastDay)
            await rooms.MarkSoldOutAsync(Omnichannel.BuildingBlocks.Context.RequestContext.RequiredTenantId, procedureCode, room.Revision, clock.GetUtcNow(), CancellationToken.None);
        return TypedResults.Ok(new FoundSlots(procedureCode, (int)length.TotalMinutes, slots));
    }
}

/// <summary>The free slots found, and how long each appointment for the procedure lasts.</summary>
public sealed record FoundSlots(string ProcedureCode, int SlotMinutes, IReadOnlyList<FreeSlot> Slots);
