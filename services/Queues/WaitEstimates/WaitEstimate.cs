namespace Omnichannel.Queues.WaitEstimates;

/// <summary>How long until a ticket is called, in minutes: expected, and optimistic (as in ZMS's
/// waitingTimeEstimate / waitingTimeOptimistic). When no open desk serves the line nobody can say: both minutes
/// are null and <see cref="Unknown"/> says why (<c>"no-open-desk"</c>) — never "0 minutes" for a line nobody serves.</summary>
public sealed record WaitEstimate(int Ahead, int? ExpectedMinutes, int? OptimisticMinutes, string? Unknown = null)
{
    public const string NoOpenDesk = "no-open-desk";
}

/// <summary>
/// Wait estimates from the queue length, the open desks and a moving average of the last service times of
/// each procedure (the catalogue's average attention minutes until the office has served it today).
/// Expected: the service minutes of everyone ahead, shared among the open desks serving the line.
/// Optimistic: each one at the fastest recent service of their procedure, shared among every open desk.
/// </summary>
public static class WaitEstimator
{
    public static double ServiceMinutesOf(OfficeDay day, Ticket ticket) =>
        day.RecentServiceMinutes.TryGetValue(ticket.ProcedureCode, out var recent) && recent.Count > 0 ? recent.Average() : ticket.AttentionMinutes;

    private static double FastestMinutesOf(OfficeDay day, Ticket ticket) =>
        day.RecentServiceMinutes.TryGetValue(ticket.ProcedureCode, out var recent) && recent.Count > 0 ? Math.Min(recent.Min(), ticket.AttentionMinutes) : ticket.AttentionMinutes;

    /// <summary>For a ticket waiting in its line (or, with <paramref name="number"/> null, for one issued now at the end of
    /// <paramref name="line"/>), as told to the citizen: unknown while no open desk serves the line.</summary>
    public static WaitEstimate For(OfficeDay day, string line, string? number, DateTimeOffset now)
    {
        var work = WorkAhead(day, line, number, now);
        return day.Desks.Values.Any(d => d.Open && d.Lines.Contains(line)) ? work : work with { ExpectedMinutes = null, OptimisticMinutes = null, Unknown = WaitEstimate.NoOpenDesk };
    }

    /// <summary>The work ahead shared among the desks serving the line, counting at least one: what the 15-minute
    /// rule weighs (a line nobody serves yet has its work ahead all the same).</summary>
    public static WaitEstimate WorkAhead(OfficeDay day, string line, string? number, DateTimeOffset now)
    {
        if (number is not null && day.Tickets.TryGetValue(number, out var own) && own.AppointmentAt is { } at)
        {
            var untilTime = Math.Max(0, (int)Math.Ceiling((at - now).TotalMinutes));
            return new WaitEstimate(0, untilTime, untilTime);
        }

        var ahead = day.WaitingIn(line).TakeWhile(t => t.Number != number).ToList();
        var servingDesks = Math.Max(1, day.Desks.Values.Count(d => d.Open && d.Lines.Contains(line)));
        var openDesks = Math.Max(servingDesks, day.Desks.Values.Count(d => d.Open));
        // Desks busy with someone are not free yet either: half their ticket's service on average.
        var inProgress = day.Desks.Values.Where(d => d.Open && d.Lines.Contains(line) && d.Current is not null)
            .Sum(d => ServiceMinutesOf(day, day.Tickets[d.Current!]) / 2);
        var expected = (ahead.Sum(t => ServiceMinutesOf(day, t)) + inProgress) / servingDesks;
        var optimistic = ahead.Sum(t => FastestMinutesOf(day, t)) / openDesks;
        return new WaitEstimate(ahead.Count, (int)Math.Ceiling(expected), (int)Math.Floor(Math.Min(optimistic, expected)));
    }
}
