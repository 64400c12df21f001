namespace Omnichannel.Cli.Analysts.Demand;

/// <summary>
/// Erlang C (M/M/N): calls arrive at random (Poisson) at a rate, each is handled for an exponential time with mean
/// <c>handleSeconds</c> by one of N agents, and waits in one queue until an agent is free. Used to staff the phone and
/// chat hand-overs: the fewest agents whose service level (share answered within the target) meets the goal.
/// </summary>
public static class ErlangC
{
    /// <summary>Offered traffic in erlangs: arrivals per hour × hours each keeps an agent busy.</summary>
    public static double TrafficErlangs(double contactsPerHour, double handleSeconds) => contactsPerHour * handleSeconds / 3600.0;

    /// <summary>Probability that a contact waits (Erlang C), computed through the Erlang B recursion, which stays
    /// exact for hundreds of agents where factorials would overflow.</summary>
    public static double ProbabilityOfWaiting(int agents, double trafficErlangs)
    {
        if (trafficErlangs <= 0) return 0;
        if (agents <= trafficErlangs) return 1;
        var b = 1.0;
        for (var n = 1; n <= agents; n++) b = trafficErlangs * b / (n + trafficErlangs * b);
        return agents * b / (agents - trafficErlangs * (1 - b));
    }

    /// <summary>Share of contacts answered within <paramref name="targetSeconds"/>.</summary>
    public static double ServiceLevel(int agents, double trafficErlangs, double handleSeconds, double targetSeconds)
    {
        if (trafficErlangs <= 0) return 1;
        if (agents <= trafficErlangs) return 0;
        return 1 - ProbabilityOfWaiting(agents, trafficErlangs) * Math.Exp(-(agents - trafficErlangs) * targetSeconds / handleSeconds);
    }

    /// <summary>Average speed of answer (mean wait over all contacts), seconds.</summary>
    public static double AverageSpeedOfAnswer(int agents, double trafficErlangs, double handleSeconds) =>
        agents <= trafficErlangs ? double.PositiveInfinity : ProbabilityOfWaiting(agents, trafficErlangs) * handleSeconds / (agents - trafficErlangs);

    /// <summary>The fewest agents meeting the service level (e.g. 0.8 within 60 s); 0 when nothing arrives.</summary>
    public static int AgentsNeeded(double contactsPerHour, double handleSeconds, double serviceLevel, double targetSeconds, int maxAgents = 10_000)
    {
        var traffic = TrafficErlangs(contactsPerHour, handleSeconds);
        if (traffic <= 0) return 0;
        for (var n = Math.Max(1, (int)Math.Floor(traffic) + 1); n <= maxAgents; n++)
            if (ServiceLevel(n, traffic, handleSeconds, targetSeconds) >= serviceLevel) return n;
        throw new ArgumentOutOfRangeException(nameof(contactsPerHour), $"More than {maxAgents} agents would be needed.");
    }

    /// <summary>For a queue staffed at desks (Point 0, the general line), where the target is a wait in minutes rather
    /// than a share: the fewest desks whose average wait stays within <paramref name="targetWaitSeconds"/>.</summary>
    public static int DesksForAverageWait(double contactsPerHour, double handleSeconds, double targetWaitSeconds, int maxAgents = 10_000)
    {
        var traffic = TrafficErlangs(contactsPerHour, handleSeconds);
        if (traffic <= 0) return 0;
        for (var n = Math.Max(1, (int)Math.Floor(traffic) + 1); n <= maxAgents; n++)
            if (AverageSpeedOfAnswer(n, traffic, handleSeconds) <= targetWaitSeconds) return n;
        throw new ArgumentOutOfRangeException(nameof(contactsPerHour), $"More than {maxAgents} desks would be needed.");
    }
}
