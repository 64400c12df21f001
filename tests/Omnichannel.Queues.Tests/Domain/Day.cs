using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Queues.Desks.CallingNext;
using Omnichannel.Queues.Desks.OpeningAndClosing;
using Omnichannel.Queues.Desks.Recalling;
using Omnichannel.Queues.Desks.Serving;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Offices.Configuring;
using Omnichannel.Queues.Tickets.Issuing;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>An office's day built through its own decisions: given what happened, when a command, then events.</summary>
internal sealed class Day
{
    public static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly DateOnly Date = new(2026, 3, 2);
    public const string Office = "connecta-space";

    /// <summary>The built-in calendars: "on-site" opens Monday to Thursday 9:00-18:00, Friday 9:00-15:00 (Nine is a Monday).</summary>
    public static readonly BusinessCalendars Calendars = new(new BusinessCalendarOptions());

    /// <summary>An office as the directory registers it, with its demo lines configured.</summary>
    public static OfficeState DemoOffice(string officeId, string calendar = "on-site")
    {
        var known = OfficeState.Evolve(OfficeState.Initial, new OfficeDescribed(officeId, new("Oficina", "Oficina", "Office"), "Plaça de la Muralla", calendar, 4, Nine));
        return ConfigureOfficeDecision.Decide(DemoData.DemoLines.For(officeId, Nine)!, known).Aggregate(known, OfficeState.Evolve);
    }

    public static readonly OfficeState Mataro = DemoOffice(Office);

    public OfficeState OfficeState { get; init; } = Mataro;

    public BusinessCalendar Calendar => Calendars.For(OfficeState.Calendar);
    public OfficeDay State { get; private set; } = OfficeDay.Initial;
    public List<object> History { get; } = [];

    public OfficeRules Rules => OfficeState.Rules;

    public IReadOnlyList<object> Do(Func<OfficeDay, IReadOnlyList<object>> decide)
    {
        var events = decide(State);
        foreach (var e in events)
        {
            State = OfficeDay.Evolve(State, e);
            History.Add(e);
        }
        return events;
    }

    public Rejection Rejected(Func<OfficeDay, IReadOnlyList<object>> decide)
    {
        var before = State;
        var rejection = Assert.Throws<Rejection>(() => decide(State));
        Assert.Same(before, State);
        return rejection;
    }

    /// <summary>Desk 1 on Point 0, desks 2 and 3 on the general line; P-001 called at desk 1 and transferred to desk 3
    /// (reserved for it), G-001 waiting on the general line.</summary>
    public static Day WithP001ReservedForDesk3()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.OpenDesk("2", Nine, ServiceLines.General);
        day.OpenDesk("3", Nine, ServiceLines.General);
        day.Issued(3, Nine);                // P-001
        day.Issued(10, Nine.AddMinutes(1)); // G-001
        day.CallNext("1", Nine.AddMinutes(2));
        day.Do(s => Desks.Transferring.TransferDecision.Decide(new Desks.Transferring.TransferTicket("1", null, "3", Nine.AddMinutes(3)), s, day.OfficeState));
        return day;
    }

    public IReadOnlyList<object> Issue(int minutes, DateTimeOffset at, string procedure = "census-certificate", Guid? citizen = null,
        string channel = Channels.OnSite, bool priority = false) =>
        Do(s => IssueTicketDecision.Decide(new IssueTicket(Guid.NewGuid(), Office, Date, procedure, minutes, citizen, channel, priority, at), s, OfficeState, Calendar));

    public TicketIssued Issued(int minutes, DateTimeOffset at, string procedure = "census-certificate", Guid? citizen = null, string channel = Channels.OnSite, bool priority = false) =>
        Assert.IsType<TicketIssued>(Issue(minutes, at, procedure, citizen, channel, priority)[0]);

    public TicketIssued Appointment(DateTimeOffset startsAt, DateTimeOffset checkedInAt, Guid? appointment = null) =>
        Assert.IsType<TicketIssued>(Do(s => IssueTicketDecision.Decide(new PlaceAppointment(Guid.NewGuid(), Office, Date, "census-address-change", 10, null, null,
            appointment ?? Guid.NewGuid(), startsAt, checkedInAt), s, OfficeState)).Single());

    public void OpenDesk(string desk, DateTimeOffset at, params string[] lines) =>
        Do(s => DeskDecisions.Decide(new OpenDesk(desk, "staff-" + desk, lines, at), s, OfficeState));

    public TicketCalled CallNext(string desk, DateTimeOffset at) =>
        Assert.IsType<TicketCalled>(Do(s => CallNextDecision.Decide(new CallNext(desk, at), s, Rules))[0]);

    public void Start(string desk, DateTimeOffset at) => Do(s => ServingDecisions.Decide(new StartService(desk, at), s));

    public TicketServed Complete(string desk, DateTimeOffset at) => Assert.IsType<TicketServed>(Do(s => ServingDecisions.Decide(new CompleteService(desk, at), s)).Single());

    public object Recall(string desk, DateTimeOffset at) => Do(s => RecallDecisions.Decide(new Recall(desk, at), s, Rules)).Single();
}
