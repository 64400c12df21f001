using Marten;
using Omnichannel.Queues.AppointmentLine;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Procedures;

namespace Omnichannel.Queues.Tickets.Issuing;

public static class IssueTicketEndpoint
{
    public static async Task<IResult> Handle(string officeId, IssueTicketRequest request, OfficeDays days, IQuerySession session,
        ProcedureAttention attention, IAppointmentSlots slots, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        var calendar = days.CalendarOf(office);
        var minutes = await attention.MinutesOf(request.ProcedureCode!, "procedureCode", ct);
        var ticketId = Guid.NewGuid();
        BuildingBlocks.EventStore.StreamAppends.Decided<OfficeDay> result;
        try
        {
            result = await days.DecideAsync(officeId, day => IssueTicketDecision.Decide(
                new IssueTicket(ticketId, officeId, days.Today, request.ProcedureCode!, minutes, request.CitizenId, request.Channel!, request.Priority, days.Now), day, office, calendar), ct);
        }
        catch (OfficeClosed closed)
        {
            return Closed(office, closed, calendar.TimeZone);
        }

        if (result.Events.OfType<WalkInRefused>().FirstOrDefault() is { } refused)
        {
            // Slots at this office only: the citizen is standing in it.
            var offered = await slots.NextSlotsAsync(officeId, request.ProcedureCode!, days.Now, 3, ct);
            var detail = refused.Reason == "needs-appointment"
                ? $"'{request.ProcedureCode}' takes about {minutes} minutes and is served by appointment."
                : $"The wait for the general line is now about {refused.PredictedWaitMinutes} minutes, over this office's {office.Rules.WalkInWaitThresholdMinutes}: an appointment is offered instead.";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "No walk-in ticket: book an appointment.",
                extensions: new Dictionary<string, object?>
                {
                    ["reason"] = refused.Reason,
                    ["predictedWaitMinutes"] = refused.PredictedWaitMinutes,
                    ["appointmentSlots"] = offered,
                    ["appointmentSlotsKnown"] = offered is not null,
                });
        }

        var issued = result.Events.OfType<TicketIssued>().Single();
        return TypedResults.Created($"/api/queues/offices/{officeId}/tickets/{issued.Number}", TicketReply.Of(result.State, result.State.Tickets[issued.Number], issued.Day, officeId, days.Now));
    }

    /// <summary>409 with <c>reason: "office-closed"</c>, <c>nextOpening</c> (an instant, null if the office never opens)
    /// and the same in words for the kiosk in Catalan, Spanish and English (<c>messages</c>).</summary>
    private static IResult Closed(OfficeState office, OfficeClosed closed, TimeZoneInfo zone)
    {
        var local = closed.NextOpening is { } at ? TimeZoneInfo.ConvertTime(at, zone) : (DateTimeOffset?)null;
        var when = local is { } l ? l.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
        var messages = when is null
            ? new { ca = $"{office.Names.Ca} és tancada.", es = $"{office.Names.Es} está cerrada.", en = $"{office.Names.En} is closed." }
            : new { ca = $"{office.Names.Ca} és tancada. Torna a obrir el {when}.", es = $"{office.Names.Es} está cerrada. Vuelve a abrir el {when}.", en = $"{office.Names.En} is closed. It opens again on {when}." };
        return TypedResults.Problem(
            when is null ? $"Office '{office.OfficeId}' is closed and has no opening hours: no walk-in tickets." : $"Office '{office.OfficeId}' is closed: no walk-in tickets until it opens again on {when} (local time).",
            statusCode: StatusCodes.Status409Conflict, title: "The office is closed.",
            extensions: new Dictionary<string, object?>
            {
                ["reason"] = "office-closed",
                ["officeId"] = office.OfficeId,
                ["nextOpening"] = local,
                ["messages"] = messages,
            });
    }
}
