using System.Collections.Frozen;

namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>
/// Opening hours of one channel or office: a weekly wall-clock timetable in a time zone, minus holidays.
/// Inputs and outputs are instants (<see cref="DateTimeOffset"/>); local wall-clock reasoning stays inside.
/// Immutable, so one instance can be shared by all threads.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly OpeningHours[][] _week; // indexed by DayOfWeek, sorted, non-overlapping
    private readonly FrozenSet<DateOnly> _holidays;

    /// <param name="name">Used in error messages, e.g. "on-site".</param>
    /// <param name="timeZone">The zone whose wall clock the opening hours are written in.</param>
    /// <param name="weeklyHours">Opening hours per weekday; a missing day is closed.</param>
    /// <param name="holidays">Dates closed all day.</param>
    /// <exception cref="ArgumentException">Two opening hours of one day overlap.</exception>
    public BusinessCalendar(
        string name,
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningHours>> weeklyHours,
        IEnumerable<DateOnly> holidays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(weeklyHours);
        ArgumentNullException.ThrowIfNull(holidays);

        Name = name;
        TimeZone = timeZone;
        _holidays = holidays.ToFrozenSet();
        _week = new OpeningHours[7][];
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var hours = weeklyHours.TryGetValue(day, out var list) ? list.OrderBy(h => h.Open).ToArray() : [];
            for (var i = 1; i < hours.Length; i++)
            {
                if (hours[i - 1].Overlaps(hours[i]))
                    throw new ArgumentException($"{day}: \"{hours[i - 1]}\" and \"{hours[i]}\" overlap.");
            }

            _week[(int)day] = hours;
        }
    }

    public string Name { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>False when no weekday has opening hours: such a calendar never opens.</summary>
    public bool HasOpeningHours => _week.Any(day => day.Length > 0);

    /// <summary>The wall-clock opening hours of a weekday (holidays not applied).</summary>
    public IReadOnlyList<OpeningHours> HoursOn(DayOfWeek day) => _week[(int)day];

    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    /// <summary>Open at the opening time itself, closed at the closing time.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var day = LocalDate(instant);
        // The previous day too, in case a DST change puts the end of its last interval past midnight.
        return IntervalsOn(day.AddDays(-1)).Concat(IntervalsOn(day)).Any(i => i.Contains(instant));
    }

    public bool IsOpen(TimeProvider time) => IsOpen(time.GetUtcNow());

    /// <summary><paramref name="from"/> itself if open, else the start of the next opening; null if the calendar never opens.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset from)
    {
        if (!HasOpeningHours)
            return null;

        var next = IntervalsFrom(from).First();
        return next.Start <= from ? from : next.Start;
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of open time has passed since <paramref name="start"/>:
    /// e.g. an SLA deadline. A start outside opening hours begins counting at the next opening; a result that
    /// falls exactly on a closing time is that closing time (not the next opening).
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
            return start;
        if (!HasOpeningHours)
            throw new InvalidOperationException($"The \"{Name}\" business calendar has no opening hours, so working time never passes.");

        var remaining = workingTime;
        foreach (var interval in IntervalsFrom(start))
        {
            var from = interval.Start > start ? interval.Start : start;
            var available = interval.End - from;
            if (remaining <= available)
                return ToLocal(from + remaining);
            remaining -= available;
        }

        throw new InvalidOperationException("Unreachable: a calendar with opening hours has endless intervals.");
    }

    /// <summary>Open time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
            return -WorkingTimeBetween(to, from);

        var total = TimeSpan.Zero;
        foreach (var interval in OpenIntervals(LocalDate(from).AddDays(-1), LocalDate(to)))
        {
            var start = interval.Start > from ? interval.Start : from;
            var end = interval.End < to ? interval.End : to;
            if (end > start)
                total += end - start;
        }

        return total;
    }

    /// <summary>Open intervals of the local days from <paramref name="fromDay"/> to <paramref name="toDayInclusive"/>, in order.</summary>
    public IReadOnlyList<OpenInterval> OpenIntervals(DateOnly fromDay, DateOnly toDayInclusive)
    {
        if (toDayInclusive < fromDay)
            throw new ArgumentOutOfRangeException(nameof(toDayInclusive), toDayInclusive, $"Must not be before {fromDay:yyyy-MM-dd}.");

        var intervals = new List<OpenInterval>();
        for (var day = fromDay; day <= toDayInclusive; day = day.AddDays(1))
            intervals.AddRange(IntervalsOn(day));
        return intervals;
    }

    /// <summary>The local calendar date at an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The same instant, expressed with this calendar's local offset (for display).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    // Intervals that end after `from`, in order, without end (callers stop). Terminates because
    // HasOpeningHours is checked first and holidays are a finite set.
    private IEnumerable<OpenInterval> IntervalsFrom(DateTimeOffset from)
    {
        for (var day = LocalDate(from).AddDays(-1); ; day = day.AddDays(1))
        {
            foreach (var interval in IntervalsOn(day))
            {
                if (interval.End > from)
                    yield return interval;
            }
        }
    }

    private IEnumerable<OpenInterval> IntervalsOn(DateOnly day)
    {
        if (IsHoliday(day))
            yield break;

        var midnight = day.ToDateTime(TimeOnly.MinValue);
        foreach (var hours in _week[(int)day.DayOfWeek])
        {
            var start = FirstInstantAtOrAfter(midnight + hours.Open);
            var end = FirstInstantAtOrAfter(midnight + hours.Close);
            // Hours lying wholly in a skipped (spring-forward) hour do not happen that day.
            if (end > start)
                yield return new OpenInterval(start, end);
        }
    }

    /// <summary>
    /// The first instant at which the local wall clock reads <paramref name="local"/> or later. That one rule
    /// settles both DST changes: a time repeated in autumn means its first occurrence, and a time skipped in
    /// spring means the moment of the change (the clock jumps from before it to after it).
    /// </summary>
    private DateTimeOffset FirstInstantAtOrAfter(DateTime local)
    {
        if (TimeZone.IsAmbiguousTime(local))
        {
            // The first occurrence carries the larger (pre-change) offset.
            var offset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
            return ToLocal(new DateTimeOffset(local, offset));
        }

        if (!TimeZone.IsInvalidTime(local))
            return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));

        // Skipped: the change happened between reading `local` with the offset after it (too early) and with
        // the offset before it (too late). Bisect that window for the first instant with the new offset.
        // A day either side is assumed to be clear of other changes, which holds for real zones.
        var offsetBefore = TimeZone.GetUtcOffset(local.AddDays(-1));
        var offsetAfter = TimeZone.GetUtcOffset(local.AddDays(1));
        var earlier = (local - offsetAfter).Ticks;
        var later = (local - offsetBefore).Ticks;
        while (later - earlier > 1)
        {
            var middle = earlier + ((later - earlier) / 2);
            if (TimeZone.GetUtcOffset(new DateTimeOffset(middle, TimeSpan.Zero)) == offsetAfter)
                later = middle;
            else
                earlier = middle;
        }

        return ToLocal(new DateTimeOffset(later, TimeSpan.Zero));
    }
}
