using Omnichannel.BuildingBlocks.PersonalData;
namespace Omnichannel.Appointments.Booking;

public enum AppointmentStatus
{
    /// <summary>A slot is kept for the citizen while the booking flow completes; frees itself at <c>HeldUntil</c>.</summary>
    Held,
    Booked,
    CheckedIn,
    Completed,
    Cancelled,
    /// <summary>A no-show: not checked in within the grace period.</summary>
    Missed,
}

/// <summary>What every appointment event repeats, so each can be published without reading the stream.</summary>
public sealed record AppointmentRef(Guid AppointmentId, string Code, Guid CitizenId, string OfficeId, string ProcedureCode);

public sealed record AppointmentHeld([NotPersonal] AppointmentRef Ref, [NotPersonal] string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset HeldUntil, DateTimeOffset At);
public sealed record AppointmentBooked([NotPersonal] AppointmentRef Ref, [NotPersonal] string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset At);
public sealed record AppointmentCancelled([NotPersonal] AppointmentRef Ref, [NotPersonal] string? Channel, DateTimeOffset StartsAt, [Personal] string? Reason, [NotPersonal] string By, DateTimeOffset At);
public sealed record AppointmentRescheduled([NotPersonal] AppointmentRef Ref, [NotPersonal] string? Channel, DateTimeOffset PreviousStartsAt, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Sequence, DateTimeOffset At);
public sealed record AppointmentCheckedIn([NotPersonal] AppointmentRef Ref, [NotPersonal] string? Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset At);
public sealed record AppointmentMissed([NotPersonal] AppointmentRef Ref, DateTimeOffset StartsAt, DateTimeOffset At);
public sealed record AppointmentCompleted([NotPersonal] AppointmentRef Ref, [NotPersonal] string By, DateTimeOffset At);
public sealed record AppointmentReminderDue([NotPersonal] AppointmentRef Ref, [NotPersonal] string OfficeAddress, DateTimeOffset StartsAt, [NotPersonal] string Language, [NotPersonal] string PreferredChannel, DateTimeOffset At);

/// <summary>The council moved the appointment off a day its office closed; <c>Ref</c> names the office it is at now.</summary>
public sealed record AppointmentMovedByClosure([NotPersonal] AppointmentRef Ref, [NotPersonal] string PreviousOfficeId, DateTimeOffset PreviousStartsAt, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Sequence, DateOnly ClosedOn, [NotPersonal] string Reason, [NotPersonal] string OfficeAddress, [NotPersonal] string Language, [NotPersonal] string PreferredChannel, DateTimeOffset At);

/// <summary>The council cancelled the appointment: its office closed that day and no free slot was left to move it to.</summary>
public sealed record AppointmentCancelledByClosure([NotPersonal] AppointmentRef Ref, DateTimeOffset StartsAt, DateOnly ClosedOn, [NotPersonal] string Reason, [NotPersonal] string Language, [NotPersonal] string PreferredChannel, DateTimeOffset At);

/// <summary>An appointment's stream folded. (Named state, not aggregate: Marten's generator must not treat it as one.)</summary>
public sealed record AppointmentState(
    bool Exists, AppointmentRef Ref, string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil,
    AppointmentStatus Status, int Sequence, bool Reminded)
{
    public static readonly AppointmentState Initial = new(false, new(Guid.Empty, "", Guid.Empty, "", ""), "", default, default, null, AppointmentStatus.Held, 0, false);

    public static string StreamKey(Guid appointmentId) => $"appointment:{appointmentId:N}";

    public static AppointmentState Evolve(AppointmentState state, object @event) => @event switch
    {
        AppointmentHeld e => new(true, e.Ref, e.Channel, e.StartsAt, e.EndsAt, e.HeldUntil, AppointmentStatus.Held, 0, false),
        AppointmentBooked e => state.Exists
            ? state with { Status = AppointmentStatus.Booked, HeldUntil = null }
            : new(true, e.Ref, e.Channel, e.StartsAt, e.EndsAt, null, AppointmentStatus.Booked, 0, false),
        AppointmentCancelled => state with { Status = AppointmentStatus.Cancelled },
        AppointmentRescheduled e => state with { StartsAt = e.StartsAt, EndsAt = e.EndsAt, Sequence = e.Sequence, Reminded = false },
        AppointmentCheckedIn => state with { Status = AppointmentStatus.CheckedIn },
        AppointmentMissed => state with { Status = AppointmentStatus.Missed },
        AppointmentCompleted => state with { Status = AppointmentStatus.Completed },
        AppointmentReminderDue => state with { Reminded = true },
        AppointmentMovedByClosure e => state with { Ref = e.Ref, StartsAt = e.StartsAt, EndsAt = e.EndsAt, Sequence = e.Sequence, Reminded = false },
        AppointmentCancelledByClosure => state with { Status = AppointmentStatus.Cancelled },
        _ => state,
    };

    /// <summary>A hold past its time is as good as gone, whether or not someone has taken the place since.</summary>
    public bool HoldExpiredAt(DateTimeOffset now) => Status == AppointmentStatus.Held && HeldUntil <= now;
}
