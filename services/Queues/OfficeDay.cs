using Omnichannel.BuildingBlocks.PersonalData;
using System.Collections.Immutable;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues;

// The events of one office's day. Ticket events carry the ticket's id, line, procedure and citizen so they can
// be published (and shown in the citizen's history) without reading the stream.

public sealed record TicketIssued(
    Guid TicketId, [NotPersonal] string OfficeId, DateOnly Day, [NotPersonal] string Number, [NotPersonal] string Line, [NotPersonal] string ProcedureCode, int AttentionMinutes,
    Guid? CitizenId, [NotPersonal] string Channel, bool Remote, DateTimeOffset? AppointmentAt, Guid? AppointmentId, int? ExpectedWaitMinutes, DateTimeOffset At);

/// <summary>The 15-minute rule said no: the wait was too long (or the procedure too long) for a walk-in ticket.
/// Kept for the statistics: demand the office turned towards appointments.</summary>
public sealed record WalkInRefused([NotPersonal] string OfficeId, [NotPersonal] string ProcedureCode, Guid? CitizenId, [NotPersonal] string Channel, int PredictedWaitMinutes, [NotPersonal] string Reason, DateTimeOffset At);

public sealed record DeskOpened([NotPersonal] string DeskId, [NotPersonal] string Staff, [NotPersonal] IReadOnlyList<string> Lines, DateTimeOffset At);
public sealed record DeskClosed([NotPersonal] string DeskId, [NotPersonal] string By, DateTimeOffset At);

public sealed record TicketCalled(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string Line, [NotPersonal] string ProcedureCode, Guid? CitizenId, [NotPersonal] string Channel, [NotPersonal] string DeskId, int Call, DateTimeOffset At);
public sealed record ServiceStarted(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string DeskId, DateTimeOffset At);
public sealed record TicketServed(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string Line, [NotPersonal] string ProcedureCode, Guid? CitizenId, [NotPersonal] string Channel, [NotPersonal] string DeskId, double WaitMinutes, double ServiceMinutes, DateTimeOffset At);
public sealed record TicketMissed(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string Line, [NotPersonal] string ProcedureCode, Guid? CitizenId, [NotPersonal] string Channel, [NotPersonal] string DeskId, int Calls, DateTimeOffset At);
public sealed record TicketTransferred(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string FromLine, [NotPersonal] string ToLine, [NotPersonal] string? ToDeskId, Guid? CitizenId, [NotPersonal] string Channel, [NotPersonal] string FromDeskId, DateTimeOffset At);
/// <summary>A ticket transferred to a desk that closed before calling it goes back to its line, in its place.</summary>
public sealed record TicketReturnedToLine(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string Line, [NotPersonal] string FromDeskId, DateTimeOffset At);
public sealed record TicketHolderIsNext(Guid TicketId, [NotPersonal] string Number, [NotPersonal] string Line, Guid? CitizenId, [NotPersonal] string Channel, DateTimeOffset At);

public enum TicketStatus
{
    Waiting,
    Called,
    InService,
    Served,
    Missed,
}

public sealed record Ticket(
    Guid TicketId, string Number, string Line, string ProcedureCode, int AttentionMinutes, Guid? CitizenId, string Channel, bool Remote,
    DateTimeOffset IssuedAt, DateTimeOffset? AppointmentAt, Guid? AppointmentId, long Sequence,
    TicketStatus Status = TicketStatus.Waiting, string? DeskId = null, int Calls = 0, DateTimeOffset? FirstCalledAt = null,
    DateTimeOffset? StartedAt = null, string? ReservedForDesk = null, bool NextNoticeSent = false)
{
    /// <summary>Appointments queue by their time; everyone else by when they arrived (a transfer keeps its place).</summary>
    public QueuePlace Place => new(AppointmentAt ?? IssuedAt, Sequence, Number);
}

/// <summary>A place in a line: earlier first, then the order of issue.</summary>
public readonly record struct QueuePlace(DateTimeOffset SortAt, long Sequence, string Number) : IComparable<QueuePlace>
{
    public int CompareTo(QueuePlace other)
    {
        var byTime = SortAt.CompareTo(other.SortAt);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }
}

public sealed record Desk(string DeskId, string Staff, IReadOnlyList<string> Lines, bool Open, string? Current, int Served);

public sealed record DisplayedCall(string Number, string Line, string DeskId, int Call, DateTimeOffset At);

/// <summary>
/// One office's day, folded: the stream <c>office-day:{office}:{date}</c> owns every ticket, desk and call of
/// that office that day, so "which ticket is next" is decided on one stream, appended at the version it was
/// read at: two desks calling at the same instant cannot both get a ticket (the second append fails, and
/// that desk decides again on the newer state). Immutable, so a folded day can be shared by readers.
/// </summary>
public sealed record OfficeDay(
    ImmutableDictionary<string, Ticket> Tickets,
    ImmutableDictionary<string, ImmutableSortedSet<QueuePlace>> Waiting,
    ImmutableDictionary<string, int> LastNumbers,
    ImmutableDictionary<string, Desk> Desks,
    ImmutableDictionary<string, ImmutableList<double>> RecentServiceMinutes,
    ImmutableList<DisplayedCall> RecentCalls,
    int Refused,
    long Sequence,
    int Reservations = 0)
{
    public const int RecentServicesKept = 10;
    public const int RecentCallsKept = 10;

    public static readonly OfficeDay Initial = new(
        ImmutableDictionary<string, Ticket>.Empty, ImmutableDictionary<string, ImmutableSortedSet<QueuePlace>>.Empty,
        ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, Desk>.Empty,
        ImmutableDictionary<string, ImmutableList<double>>.Empty, ImmutableList<DisplayedCall>.Empty, 0, 0);

    public static string StreamKey(string officeId, DateOnly day) => $"office-day:{officeId}:{day:yyyy-MM-dd}";

    public static OfficeDay Evolve(OfficeDay state, object @event) => @event switch
    {
        TicketIssued e => state.Enqueue(new Ticket(e.TicketId, e.Number, e.Line, e.ProcedureCode, e.AttentionMinutes, e.CitizenId, e.Channel,
            e.Remote, e.At, e.AppointmentAt, e.AppointmentId, state.Sequence + 1)) with
        {
            LastNumbers = state.LastNumbers.SetItem(e.Line, state.NumberOf(e.Line) + 1),
            Sequence = state.Sequence + 1,
        },
        WalkInRefused => state with { Refused = state.Refused + 1 },
        DeskOpened e => state with { Desks = state.Desks.SetItem(e.DeskId, new Desk(e.DeskId, e.Staff, e.Lines, true, null, state.Desks.GetValueOrDefault(e.DeskId)?.Served ?? 0)) },
        DeskClosed e => state.WithDesk(e.DeskId, d => d with { Open = false }),
        TicketCalled e => (state.Tickets[e.Number].ReservedForDesk is null ? state : state with { Reservations = state.Reservations - 1 }).Dequeue(e.Number)
            .WithTicket(e.Number, t => t with { Status = TicketStatus.Called, DeskId = e.DeskId, Calls = e.Call, FirstCalledAt = t.FirstCalledAt ?? e.At, ReservedForDesk = null })
            .WithDesk(e.DeskId, d => d with { Current = e.Number }) with
        {
            RecentCalls = Keep(state.RecentCalls.Add(new DisplayedCall(e.Number, e.Line, e.DeskId, e.Call, e.At)), RecentCallsKept),
        },
        ServiceStarted e => state.WithTicket(e.Number, t => t with { Status = TicketStatus.InService, StartedAt = e.At }),
        TicketServed e => state.WithTicket(e.Number, t => t with { Status = TicketStatus.Served })
            .WithDesk(e.DeskId, d => d with { Current = null, Served = d.Served + 1 }) with
        {
            RecentServiceMinutes = state.RecentServiceMinutes.SetItem(e.ProcedureCode,
                Keep(state.RecentServiceMinutes.GetValueOrDefault(e.ProcedureCode, ImmutableList<double>.Empty).Add(e.ServiceMinutes), RecentServicesKept)),
        },
        TicketMissed e => state.WithTicket(e.Number, t => t with { Status = TicketStatus.Missed }).WithDesk(e.DeskId, d => d with { Current = null }),
        TicketTransferred e => (e.ToDeskId is null ? state : state with { Reservations = state.Reservations + 1 }).WithDesk(e.FromDeskId, d => d with { Current = null })
            .Enqueue(state.Tickets[e.Number] with { Line = e.ToLine, Status = TicketStatus.Waiting, DeskId = null, ReservedForDesk = e.ToDeskId, StartedAt = null, NextNoticeSent = false }),
        TicketReturnedToLine e => (state with { Reservations = state.Reservations - 1 }).WithTicket(e.Number, t => t with { ReservedForDesk = null }),
        TicketHolderIsNext e => state.WithTicket(e.Number, t => t with { NextNoticeSent = true }),
        _ => state,
    };

    public int NumberOf(string line) => LastNumbers.GetValueOrDefault(line);

    public Ticket Ticket(string number) =>
        Tickets.GetValueOrDefault(number.ToUpperInvariant()) ?? throw Rejection.NotFound($"There is no ticket {number} today.");

    public Desk OpenDesk(string deskId)
    {
        var desk = Desks.GetValueOrDefault(deskId) ?? throw Rejection.NotFound($"Desk '{deskId}' has not been opened today.");
        return desk.Open ? desk : throw Rejection.Conflict($"Desk '{deskId}' is closed.");
    }

    /// <summary>Tickets waiting in a line, in the order they will be called (reservations aside).</summary>
    public IEnumerable<Ticket> WaitingIn(string line) =>
        Waiting.GetValueOrDefault(line, ImmutableSortedSet<QueuePlace>.Empty).Select(p => Tickets[p.Number]);

    public IEnumerable<Ticket> AllWaiting => Waiting.Values.SelectMany(set => set).Select(p => Tickets[p.Number]);

    private OfficeDay Enqueue(Ticket ticket) => this with
    {
        Tickets = Tickets.SetItem(ticket.Number, ticket),
        Waiting = Waiting.SetItem(ticket.Line, Waiting.GetValueOrDefault(ticket.Line, ImmutableSortedSet<QueuePlace>.Empty).Add(ticket.Place)),
    };

    private OfficeDay Dequeue(string number)
    {
        var ticket = Tickets[number];
        if (ticket.Status != TicketStatus.Waiting) return this;
        return this with { Waiting = Waiting.SetItem(ticket.Line, Waiting[ticket.Line].Remove(ticket.Place)) };
    }

    private OfficeDay WithTicket(string number, Func<Ticket, Ticket> change) => this with { Tickets = Tickets.SetItem(number, change(Tickets[number])) };

    private OfficeDay WithDesk(string deskId, Func<Desk, Desk> change) =>
        Desks.TryGetValue(deskId, out var desk) ? this with { Desks = Desks.SetItem(deskId, change(desk)) } : this;

    private static ImmutableList<T> Keep<T>(ImmutableList<T> list, int count) => list.Count > count ? list.RemoveRange(0, list.Count - count) : list;
}
