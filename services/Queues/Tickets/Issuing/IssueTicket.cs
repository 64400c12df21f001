using FluentValidation;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.WaitEstimates;

namespace Omnichannel.Queues.Tickets.Issuing;

/// <summary>At the welcome desk (staff, with the citizen's need), at a kiosk, or remotely by chat (a virtual ticket).</summary>
public sealed record IssueTicketRequest(string? ProcedureCode, string? Channel, Guid? CitizenId, bool Priority = false);

public sealed class IssueTicketRequestValidator : AbstractValidator<IssueTicketRequest>
{
    public IssueTicketRequestValidator()
    {
        RuleFor(r => r.ProcedureCode).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Channel).NotEmpty()
            .Must(c => c is null || IssueTicketDecision.IssuingChannels.Contains(c))
            .WithMessage($"Tickets are issued through: {string.Join(", ", IssueTicketDecision.IssuingChannels)}.");
        RuleFor(r => r.CitizenId).NotNull().When(r => r.Channel is not null && IssueTicketDecision.RemoteChannels.Contains(r.Channel))
            .WithMessage("A virtual ticket needs the citizen, to tell them when they are next.");
        RuleFor(r => r.CitizenId).Must(id => id != Guid.Empty).When(r => r.CitizenId is not null).WithMessage("Not a citizen id.");
    }
}

/// <summary><paramref name="AttentionMinutes"/> is the catalogue's average attention time of the procedure.</summary>
public sealed record IssueTicket(
    Guid TicketId, string OfficeId, DateOnly Day, string ProcedureCode, int AttentionMinutes, Guid? CitizenId, string Channel, bool Priority, DateTimeOffset At);

/// <summary>A checked-in appointment joins the office's appointment line, to be called at its time.</summary>
public sealed record PlaceAppointment(
    Guid TicketId, string OfficeId, DateOnly Day, string ProcedureCode, int AttentionMinutes, Guid? CitizenId, string? Channel,
    Guid AppointmentId, DateTimeOffset StartsAt, DateTimeOffset At);

public static class IssueTicketDecision
{
    public static readonly IReadOnlySet<string> RemoteChannels = new HashSet<string> { Channels.Telegram, Channels.WhatsApp, Channels.Chat };
    public static readonly IReadOnlySet<string> IssuingChannels = new HashSet<string> { Channels.OnSite, Channels.Kiosk, Channels.Telegram, Channels.WhatsApp, Channels.Chat };

    /// <summary>Routes the walk-in by attention minutes; refuses a general-line ticket (the 15-minute rule) when
    /// the predicted wait exceeds the office's threshold, and any walk-in for longer procedures: then the
    /// decision is a <see cref="WalkInRefused"/> and the caller offers appointment slots instead. While the office is
    /// closed (its calendar, holidays, declared closures) no walk-in is issued: <see cref="OfficeClosed"/>.</summary>
    public static IReadOnlyList<object> Decide(IssueTicket command, OfficeDay day, OfficeState office, BusinessCalendar calendar)
    {
        if (!office.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        OfficeOpening.EnsureOpen(office, calendar, command.At);
        var routing = LineRouting.Route(command.AttentionMinutes, command.Priority, office.Rules);
        if (routing == Routing.AppointmentOnly)
            return [Refused(command, 0, "needs-appointment")];

        var line = LineRouting.LineOf(routing);
        if (!office.Has(line))
        {
            // An office without Point 0 serves its short procedures on the general line.
            if (routing == Routing.Point0 && office.Has(ServiceLines.General)) line = ServiceLines.General;
            else throw Rejection.Invalid(routing == Routing.Priority ? "priority" : "procedureCode", $"Office '{command.OfficeId}' has no {line} line.");
        }

        var estimate = WaitEstimator.WorkAhead(day, line, null, command.At);
        if (line == ServiceLines.General && routing == Routing.General && estimate.ExpectedMinutes > office.Rules.WalkInWaitThresholdMinutes)
            return [Refused(command, estimate.ExpectedMinutes!.Value, "wait-too-long")];

        var number = NumberFor(day, office.Line(line));
        var issued = new TicketIssued(command.TicketId, command.OfficeId, command.Day, number, line, command.ProcedureCode, command.AttentionMinutes,
            command.CitizenId, command.Channel, RemoteChannels.Contains(command.Channel), null, null,
            WaitEstimator.For(day, line, null, command.At).ExpectedMinutes, command.At);
        return WithNotices([issued], day, command.At);
    }

    public static IReadOnlyList<object> Decide(PlaceAppointment command, OfficeDay day, OfficeState office)
    {
        if (!office.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        if (day.Tickets.Values.Any(t => t.AppointmentId == command.AppointmentId)) return []; // checked in twice: one place
        var line = office.Line(ServiceLines.Appointment);
        var number = NumberFor(day, line);
        var wait = Math.Max(0, (int)Math.Ceiling((command.StartsAt - command.At).TotalMinutes));
        return [new TicketIssued(command.TicketId, command.OfficeId, command.Day, number, line.Line, command.ProcedureCode, command.AttentionMinutes,
            command.CitizenId, command.Channel ?? Channels.OnSite, false, command.StartsAt, command.AppointmentId, wait, command.At)];
    }

    /// <summary>"P-001": the line's letter and the day's running number for that line.</summary>
    public static string NumberFor(OfficeDay day, LineDefinition line) => $"{line.Prefix}-{day.NumberOf(line.Line) + 1:000}";

    private static WalkInRefused Refused(IssueTicket command, int predictedWait, string reason) =>
        new(command.OfficeId, command.ProcedureCode, command.CitizenId, command.Channel, predictedWait, reason, command.At);

    /// <summary>Adds a "you are next" notice for each virtual ticket that the events make first in its line.</summary>
    public static IReadOnlyList<object> WithNotices(IReadOnlyList<object> events, OfficeDay before, DateTimeOffset at)
    {
        var after = events.Aggregate(before, OfficeDay.Evolve);
        var notices = after.Waiting.Values
            .Select(set => set.Select(p => after.Tickets[p.Number]).FirstOrDefault(t => t.ReservedForDesk is null))
            .Where(t => t is { Remote: true, NextNoticeSent: false })
            .Select(t => (object)new TicketHolderIsNext(t!.TicketId, t.Number, t.Line, t.CitizenId, t.Channel, at));
        return [.. events, .. notices];
    }
}
