namespace Omnichannel.Appointments;

/// <summary>Configuration section "Appointments": how far ahead and how late citizens may book, and the clocks
/// of holds, check-in, no-shows and reminders.</summary>
public sealed class BookingPolicy
{
    public const string Section = "Appointments";

    /// <summary>How many days ahead a slot may be booked (counted in local dates from today).</summary>
    public int BookingHorizonDays { get; set; } = 60;

    /// <summary>The least time between booking and the start of the slot.</summary>
    public int MinimumNoticeMinutes { get; set; } = 60;

    /// <summary>How long a held slot waits for confirmation before it frees itself.</summary>
    public int HoldMinutes { get; set; } = 5;

    /// <summary>How early before the start a citizen may check in.</summary>
    public int CheckInOpensMinutesBefore { get; set; } = 60;

    /// <summary>After the start plus this, a citizen who has not checked in is a no-show.</summary>
    public int NoShowGraceMinutes { get; set; } = 15;

    /// <summary>How long before the start the reminder is due.</summary>
    public int ReminderHoursBefore { get; set; } = 24;

    /// <summary>How often the no-show and reminder watchers look.</summary>
    public int WatchIntervalSeconds { get; set; } = 30;

    public TimeSpan Hold => TimeSpan.FromMinutes(HoldMinutes);
    public TimeSpan MinimumNotice => TimeSpan.FromMinutes(MinimumNoticeMinutes);
    public TimeSpan CheckInOpens => TimeSpan.FromMinutes(CheckInOpensMinutesBefore);
    public TimeSpan NoShowGrace => TimeSpan.FromMinutes(NoShowGraceMinutes);
    public TimeSpan ReminderLead => TimeSpan.FromHours(ReminderHoursBefore);
}
