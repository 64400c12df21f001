using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.FindingSlots;

/// <summary>Free slots of a procedure (at one office or all), over a range of local days (at most 31), in one call.</summary>
public static class FindSlotsEndpoint
{
    public static async Task<IResult> Handle(string? procedureCode, string? officeId, DateOnly? from, DateOnly? to, SlotFinder finder, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(procedureCode)) throw Rejection.Invalid("procedureCode", "Say which procedure the appointment is for.");
        var (slots, length) = await finder.FindAsync(procedureCode, string.IsNullOrWhiteSpace(officeId) ? null : officeId, from, to, ct);
        return TypedResults.Ok(new FoundSlots(procedureCode, (int)length.TotalMinutes, slots));
    }
}

/// <summary>The free slots found, and how long each appointment for the procedure lasts.</summary>
public sealed record FoundSlots(string ProcedureCode, int SlotMinutes, IReadOnlyList<FreeSlot> Slots);
