using Omnichannel.BuildingBlocks.Vocabulary;
using Marten.Events.Aggregation;

namespace Omnichannel.Appointments.Booking;

/// <summary>An appointment as channels (by its code), staff and the watchers see it.</summary>
public sealed class AppointmentView : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";

    /// <summary>The council, filled in by Marten (the watchers look across councils).</summary>
    public string? TenantId { get; set; }
    public Guid AppointmentId { get; set; }
    public string Code { get; set; } = "";
    public Guid CitizenId { get; set; }
    public string OfficeId { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    public string Channel { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset? HeldUntil { get; set; }
    public AppointmentStatus Status { get; set; }
    public int Sequence { get; set; }
    public bool Reminded { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The status a reader should see: a hold past its time is expired even before anyone sweeps it.</summary>
    public string StatusAt(DateTimeOffset now) =>
        Status == AppointmentStatus.Held && HeldUntil <= now ? "expired" : WireEnum.Name(Status);
}

public sealed partial class AppointmentViewProjection : SingleStreamProjection<AppointmentView, string>
{
    public AppointmentView Create(AppointmentHeld e) => New(e.Ref, e.Channel, e.StartsAt, e.EndsAt, e.HeldUntil, AppointmentStatus.Held, e.At);

    public AppointmentView Create(AppointmentBooked e) => New(e.Ref, e.Channel, e.StartsAt, e.EndsAt, null, AppointmentStatus.Booked, e.At);

    public void Apply(AppointmentBooked e, AppointmentView view) => Set(view, AppointmentStatus.Booked, e.At, v => v.HeldUntil = null);

    public void Apply(AppointmentCancelled e, AppointmentView view) => Set(view, AppointmentStatus.Cancelled, e.At);

    public void Apply(AppointmentRescheduled e, AppointmentView view) => Set(view, view.Status, e.At, v =>
    {
        v.StartsAt = e.StartsAt;
        v.EndsAt = e.EndsAt;
        v.Sequence = e.Sequence;
        v.Reminded = false;
    });

    public void Apply(AppointmentMovedByClosure e, AppointmentView view) => Set(view, view.Status, e.At, v =>
    {
        v.OfficeId = e.Ref.OfficeId;
        v.StartsAt = e.StartsAt;
        v.EndsAt = e.EndsAt;
        v.Sequence = e.Sequence;
        v.Reminded = false;
    });

    public void Apply(AppointmentCancelledByClosure e, AppointmentView view) => Set(view, AppointmentStatus.Cancelled, e.At);

    public void Apply(AppointmentCheckedIn e, AppointmentView view) => Set(view, AppointmentStatus.CheckedIn, e.At);

    public void Apply(AppointmentMissed e, AppointmentView view) => Set(view, AppointmentStatus.Missed, e.At);

    public void Apply(AppointmentCompleted e, AppointmentView view) => Set(view, AppointmentStatus.Completed, e.At);

    public void Apply(AppointmentReminderDue e, AppointmentView view) => Set(view, view.Status, view.UpdatedAt, v => v.Reminded = true);

    private static AppointmentView New(AppointmentRef r, string channel, DateTimeOffset starts, DateTimeOffset ends, DateTimeOffset? heldUntil, AppointmentStatus status, DateTimeOffset at) => new()
    {
        AppointmentId = r.AppointmentId, Code = r.Code, CitizenId = r.CitizenId, OfficeId = r.OfficeId, ProcedureCode = r.ProcedureCode,
        Channel = channel, StartsAt = starts, EndsAt = ends, HeldUntil = heldUntil, Status = status, CreatedAt = at, UpdatedAt = at,
    };

    private static void Set(AppointmentView view, AppointmentStatus status, DateTimeOffset at, Action<AppointmentView>? change = null)
    {
        view.Status = status;
        view.UpdatedAt = at;
        change?.Invoke(view);
    }
}
