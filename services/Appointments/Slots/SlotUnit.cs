using Omnichannel.BuildingBlocks.PersonalData;
namespace Omnichannel.Appointments.Slots;

/// <summary>A place in a slot was taken: held until <c>HeldUntil</c>, or booked outright when that is null.</summary>
public sealed record SlotTaken([NotPersonal] string OfficeId, [NotPersonal] string ProcedureCode, Guid AppointmentId, Guid CitizenId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil, DateTimeOffset At);

/// <summary>A held place was confirmed: it no longer expires.</summary>
public sealed record SlotConfirmed(Guid AppointmentId, DateTimeOffset At);

/// <summary>A place was given back: cancelled, rescheduled away, or an expired hold swept by the next taker.</summary>
public sealed record SlotFreed(Guid AppointmentId, [NotPersonal] string Reason, DateTimeOffset At);

public sealed record SlotOccupant(Guid AppointmentId, Guid CitizenId, DateTimeOffset? HeldUntil)
{
    /// <summary>Booked, or held and not yet expired.</summary>
    public bool ActiveAt(DateTimeOffset now) => HeldUntil is null || HeldUntil > now;
}

/// <summary>
/// The stream that owns the capacity of one slot of one procedure at one office: every taker appends to it at
/// the version it read, so two citizens can never both take the last place — the second save fails and is
/// retried against the new state. One stream per slot keeps contention to those who want the same time.
/// </summary>
public sealed record SlotUnit(IReadOnlyList<SlotOccupant> Occupants)
{
    public static readonly SlotUnit Initial = new([]);

    public static string StreamKey(string officeId, string procedureCode, DateTimeOffset startsAt) =>
        $"slot:{officeId}:{procedureCode}:{startsAt.UtcDateTime:yyyyMMdd'T'HHmm'Z'}";

    public static bool IsStreamKey(string streamKey) => streamKey.StartsWith("slot:", StringComparison.Ordinal);

    public static SlotUnit Evolve(SlotUnit state, object @event) => @event switch
    {
        SlotTaken e => new([.. state.Occupants, new SlotOccupant(e.AppointmentId, e.CitizenId, e.HeldUntil)]),
        SlotConfirmed e => new([.. state.Occupants.Select(o => o.AppointmentId == e.AppointmentId ? o with { HeldUntil = null } : o)]),
        SlotFreed e => new([.. state.Occupants.Where(o => o.AppointmentId != e.AppointmentId)]),
        _ => state,
    };

    public int ActiveCount(DateTimeOffset now) => Occupants.Count(o => o.ActiveAt(now));

    public SlotOccupant? Find(Guid appointmentId) => Occupants.FirstOrDefault(o => o.AppointmentId == appointmentId);

    /// <summary>Expired holds, to be freed by whoever takes a place next (so the stream tells the truth).</summary>
    public IEnumerable<SlotFreed> SweepExpired(DateTimeOffset now) =>
        Occupants.Where(o => !o.ActiveAt(now)).Select(o => new SlotFreed(o.AppointmentId, "hold-expired", now));
}
