using Marten;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Queues.DemandBoard;

/// <summary>For the staff balancing channels (a Citizen Assistance Manager serves any channel): per line of an
/// office, people waiting, the longest wait so far, desks open on it, tickets served today — in one call.</summary>
public static class DemandBoardApi
{
    public sealed record LineDemand(string Line, int Waiting, double LongestWaitMinutes, int DesksOpen, int ServedToday, int MissedToday);
    public sealed record Board(string OfficeId, DateOnly Day, IReadOnlyList<LineDemand> Lines, int DesksOpen, int WalkInsRefused, DateTimeOffset At);

    public static RouteHandlerBuilder MapDemandBoard(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/queues/offices/{officeId}/board", GetBoard).WithName("GetDemandBoard").WithTags("Demand board")
            .WithSummary("Per line: waiting, longest wait, desks open, served today (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<Board>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetBoard(string officeId, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        var (day, _) = await days.LoadAsync(session, officeId, days.Today, ct);
        return TypedResults.Ok(Of(office.Lines.Select(l => l.Line), day, officeId, days.Today, days.Now));
    }

    public static Board Of(IEnumerable<string> lines, OfficeDay day, string officeId, DateOnly date, DateTimeOffset now) => new(officeId, date,
        lines.Select(line =>
        {
            var waiting = day.WaitingIn(line).ToList();
            var tickets = day.Tickets.Values.Where(t => t.Line == line).ToList();
            return new LineDemand(line, waiting.Count,
                waiting.Count == 0 ? 0 : Math.Round(waiting.Max(t => (now - t.IssuedAt).TotalMinutes), 1),
                day.Desks.Values.Count(d => d.Open && d.Lines.Contains(line)),
                tickets.Count(t => t.Status == TicketStatus.Served), tickets.Count(t => t.Status == TicketStatus.Missed));
        }).ToList(),
        day.Desks.Values.Count(d => d.Open), day.Refused, now);
}
