using Omnichannel.BuildingBlocks.Calendar;

namespace Omnichannel.Incidents.Sla;

/// <summary>How long a clock may run: <paramref name="Hours"/> of working time on the channel's business calendar, or of
/// plain elapsed time when <paramref name="WorkingTime"/> is false (a technical incident is fixed round the clock).</summary>
public sealed record SlaTarget(double Hours, bool WorkingTime)
{
    public TimeSpan Duration => TimeSpan.FromHours(Hours);
}

/// <summary>
/// One SLA clock as it stands. It counts only while it runs: paused while the council waits for the citizen (the time
/// spent so far is kept in <see cref="Elapsed"/>), stopped when met. <see cref="DueAt"/> is set only while it runs: the
/// instant the remaining time runs out, on the calendar. Immutable; every change is a new clock recorded on the event
/// that caused it, so reading a stream needs no calendar.
/// </summary>
public sealed record SlaClock(
    double TargetHours, bool WorkingTime, TimeSpan Elapsed, DateTimeOffset? RunningSince, DateTimeOffset? DueAt,
    DateTimeOffset? MetAt, DateTimeOffset? BreachedAt)
{
    public const string FirstAnswer = "first-answer";
    public const string Resolution = "resolution";

    public bool IsRunning => RunningSince is not null;

    public TimeSpan Target => TimeSpan.FromHours(TargetHours);

    /// <summary>Working (or elapsed) time left when it was paused or last started; never negative.</summary>
    public TimeSpan Remaining => Target > Elapsed ? Target - Elapsed : TimeSpan.Zero;

    public static SlaClock Start(SlaTarget target, DateTimeOffset at, BusinessCalendar calendar) =>
        new SlaClock(target.Hours, target.WorkingTime, TimeSpan.Zero, null, null, null, null).Resume(at, calendar);

    /// <summary>Stops counting at <paramref name="at"/>, keeping the time spent.</summary>
    public SlaClock Pause(DateTimeOffset at, BusinessCalendar calendar) => RunningSince is { } since
        ? this with { Elapsed = Elapsed + Between(since, at, calendar), RunningSince = null, DueAt = null }
        : this;

    /// <summary>Counts again from <paramref name="at"/>; due when the remaining time has passed on the calendar.</summary>
    public SlaClock Resume(DateTimeOffset at, BusinessCalendar calendar) => IsRunning || MetAt is not null
        ? this
        : this with { RunningSince = at, DueAt = Add(at, Remaining, calendar) };

    /// <summary>Met at <paramref name="at"/>: stops for good (a reopening may start it again).</summary>
    public SlaClock Meet(DateTimeOffset at, BusinessCalendar calendar) => MetAt is not null ? this : Pause(at, calendar) with { MetAt = at };

    /// <summary>A resolved incident reopened: the resolution clock counts again from where it stopped.</summary>
    public SlaClock Unmeet(DateTimeOffset at, BusinessCalendar calendar) => (this with { MetAt = null }).Resume(at, calendar);

    /// <summary>The kind changed at triage: the time already spent counts against the new target.</summary>
    public SlaClock Retarget(SlaTarget target, BusinessCalendar calendar)
    {
        var retargeted = this with { TargetHours = target.Hours, WorkingTime = target.WorkingTime };
        return retargeted.RunningSince is { } since
            ? retargeted with { DueAt = retargeted.Add(since, retargeted.Remaining, calendar) }
            : retargeted;
    }

    public SlaClock Breach(DateTimeOffset at) => this with { BreachedAt = at };

    /// <summary>Running, not met, not yet breached and due by <paramref name="now"/>.</summary>
    public bool IsDueBy(DateTimeOffset now) => IsRunning && MetAt is null && BreachedAt is null && DueAt <= now;

    private TimeSpan Between(DateTimeOffset from, DateTimeOffset to, BusinessCalendar calendar) =>
        to <= from ? TimeSpan.Zero : WorkingTime ? calendar.WorkingTimeBetween(from, to) : to - from;

    private DateTimeOffset Add(DateTimeOffset start, TimeSpan time, BusinessCalendar calendar) =>
        WorkingTime ? calendar.AddWorkingTime(start, time) : start + time;
}

/// <summary>An incident's clocks: the first answer always, the resolution only for kinds with a resolution target.</summary>
public sealed record IncidentSla(SlaClock? FirstAnswer, SlaClock? Resolution)
{
    public static readonly IncidentSla None = new(null, null);

    public static IncidentSla Start(SlaRules rules, DateTimeOffset at, BusinessCalendar calendar) => new(
        SlaClock.Start(rules.FirstAnswer, at, calendar),
        rules.Resolution is { } resolution ? SlaClock.Start(resolution, at, calendar) : null);

    public IncidentSla Pause(DateTimeOffset at, BusinessCalendar calendar) => new(FirstAnswer?.Pause(at, calendar), Resolution?.Pause(at, calendar));

    public IncidentSla Resume(DateTimeOffset at, BusinessCalendar calendar) => new(FirstAnswer?.Resume(at, calendar), Resolution?.Resume(at, calendar));

    public IEnumerable<(string Name, SlaClock Clock)> Clocks()
    {
        if (FirstAnswer is not null) yield return (SlaClock.FirstAnswer, FirstAnswer);
        if (Resolution is not null) yield return (SlaClock.Resolution, Resolution);
    }

    public IncidentSla With(string name, SlaClock clock) => name == SlaClock.FirstAnswer ? this with { FirstAnswer = clock } : this with { Resolution = clock };

    /// <summary>The earliest instant a running, unmet clock is due (breached ones included): the inbox's order.</summary>
    public DateTimeOffset? NextDueAt => Clocks().Where(c => c.Clock.IsRunning && c.Clock.MetAt is null).Min(c => c.Clock.DueAt);

    /// <summary>The earliest instant a clock not yet breached runs out: when the watcher must look.</summary>
    public DateTimeOffset? NextBreachAt => Clocks().Where(c => c.Clock.IsRunning && c.Clock.MetAt is null && c.Clock.BreachedAt is null).Min(c => c.Clock.DueAt);

    public bool Breached => Clocks().Any(c => c.Clock.BreachedAt is not null && c.Clock.MetAt is null);
}
