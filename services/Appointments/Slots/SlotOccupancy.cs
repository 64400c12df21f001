using Marten.Events.Aggregation;

namespace Omnichannel.Appointments.Slots;

/// <summary>Who is in one slot, for finding free slots in one query over a day range (no query per day or slot).</summary>
public sealed class SlotOccupancy
{
    public string Id { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public List<SlotOccupant> Occupants { get; set; } = [];

    public int ActiveCount(DateTimeOffset now) => Occupants.Count(o => o.ActiveAt(now));
}

public sealed partial class SlotOccupancyProjection : SingleStreamProjection<SlotOccupancy, string>
{
    public SlotOccupancy Create(SlotTaken e) => new()
    {
        OfficeId = e.OfficeId, ProcedureCode = e.ProcedureCode, StartsAt = e.StartsAt,
        Occupants = [new SlotOccupant(e.AppointmentId, e.CitizenId, e.HeldUntil)],
    };

    public void Apply(SlotTaken e, SlotOccupancy view) => view.Occupants.Add(new SlotOccupant(e.AppointmentId, e.CitizenId, e.HeldUntil));

    public void Apply(SlotConfirmed e, SlotOccupancy view) =>
        view.Occupants = [.. view.Occupants.Select(o => o.AppointmentId == e.AppointmentId ? o with { HeldUntil = null } : o)];

    public void Apply(SlotFreed e, SlotOccupancy view) => view.Occupants.RemoveAll(o => o.AppointmentId == e.AppointmentId);
}
