using Omnichannel.Incidents.Model;

namespace Omnichannel.Incidents.Sla;

public static class BreachDecision
{
    /// <summary>Each clock of an open incident that ran out by <paramref name="now"/> and was not yet breached is breached
    /// once, at the instant it was due. Nothing when there is none, so a second look (or a second watcher) adds nothing.</summary>
    public static IReadOnlyList<object> Decide(Incident state, DateTimeOffset now)
    {
        if (!state.Exists || !state.IsOpen) return [];
        var events = new List<object>();
        var sla = state.Sla;
        foreach (var (name, clock) in state.Sla.Clocks().OrderBy(c => c.Clock.DueAt))
        {
            if (!clock.IsDueBy(now)) continue;
            var due = clock.DueAt!.Value;
            sla = sla.With(name, clock.Breach(due));
            events.Add(new SlaBreached(state.Ref, name, state.Kind, state.Team, due, sla, due, now));
        }
        return events;
    }
}
