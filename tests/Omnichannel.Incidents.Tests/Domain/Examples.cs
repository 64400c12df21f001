using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Reporting;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>The default on-site calendar (Mon–Thu 9–18, Fri 9–15, Europe/Madrid, Catalan holidays) and incidents on it.</summary>
public static class Examples
{
    public static readonly BusinessCalendar OnSite = new BusinessCalendars(new BusinessCalendarOptions()).For("on-site");

    public static readonly SlaRules Question = new(new SlaTarget(6, WorkingTime: true), null);
    public static readonly SlaRules Technical = new(new SlaTarget(6, WorkingTime: true), new SlaTarget(24, WorkingTime: false));

    public static readonly IncidentRef Ref = new(Guid.Parse("7d1f3c7e-59a3-4f51-9c3a-0b1f6a0b7e11"), "N1234-56789", Guid.Parse("11111111-2222-3333-4444-555555555555"), "email");

    /// <summary>A Madrid wall-clock time as an instant.</summary>
    public static DateTimeOffset Madrid(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0);
        return new DateTimeOffset(local, OnSite.TimeZone.GetUtcOffset(local));
    }

    public static IncidentReported Reported(DateTimeOffset at, SlaRules? rules = null, string kind = IncidentKinds.L1Question) =>
        new(Ref, kind, "Where do I find the census certificate?", null, null, null, "on-site", IncidentSla.Start(rules ?? Question, at, OnSite), at);

    public static Incident Given(params object[] events) => events.Aggregate(Incident.Initial, Incident.Evolve);
}
