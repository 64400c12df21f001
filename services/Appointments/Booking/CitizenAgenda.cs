using Omnichannel.BuildingBlocks.PersonalData;
namespace Omnichannel.Appointments.Booking;

public sealed record AgendaEntryAdded(Guid AppointmentId, [NotPersonal] string ProcedureCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil);
public sealed record AgendaEntryConfirmed(Guid AppointmentId);
public sealed record AgendaEntryMoved(Guid AppointmentId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
public sealed record AgendaEntryRemoved(Guid AppointmentId);

public sealed record AgendaEntry(Guid AppointmentId, string ProcedureCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil)
{
    /// <summary>Still to come, and booked or held unexpired.</summary>
    public bool ActiveAt(DateTimeOffset now) => (HeldUntil is null || HeldUntil > now) && EndsAt > now;

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartsAt < end && start < EndsAt;
}

/// <summary>
/// One citizen's active appointments: the stream that owns the per-citizen rules (one active appointment per
/// procedure, none overlapping). Every booking appends to it at the version read, so a citizen booking from
/// two channels at once cannot slip past the rules.
/// </summary>
public sealed record CitizenAgenda(IReadOnlyList<AgendaEntry> Entries)
{
    public static readonly CitizenAgenda Initial = new([]);

    public static string StreamKey(Guid citizenId) => $"agenda:{citizenId:N}";

    public static CitizenAgenda Evolve(CitizenAgenda state, object @event) => @event switch
    {
        AgendaEntryAdded e => new([.. state.Entries, new AgendaEntry(e.AppointmentId, e.ProcedureCode, e.StartsAt, e.EndsAt, e.HeldUntil)]),
        AgendaEntryConfirmed e => Map(state, e.AppointmentId, x => x with { HeldUntil = null }),
        AgendaEntryMoved e => Map(state, e.AppointmentId, x => x with { StartsAt = e.StartsAt, EndsAt = e.EndsAt }),
        AgendaEntryRemoved e => new([.. state.Entries.Where(x => x.AppointmentId != e.AppointmentId)]),
        _ => state,
    };

    private static CitizenAgenda Map(CitizenAgenda state, Guid id, Func<AgendaEntry, AgendaEntry> change) =>
        new([.. state.Entries.Select(x => x.AppointmentId == id ? change(x) : x)]);

    public IEnumerable<AgendaEntry> ActiveAt(DateTimeOffset now) => Entries.Where(x => x.ActiveAt(now));
}
