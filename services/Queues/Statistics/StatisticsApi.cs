using JasperFx.Events;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Statistics;

/// <summary>Waiting and service times per procedure and line for an office and day, from the day's events.</summary>
public static class StatisticsApi
{
    public sealed record Times(int Served, double AverageWaitMinutes, double MaxWaitMinutes, double AverageServiceMinutes);
    /// <summary><c>ByLine</c> counts each ticket on the line it was issued on, even when a desk transferred it and it was
    /// served elsewhere; <c>TransfersByLine</c> counts the transfers of the tickets issued on each line.</summary>
    public sealed record DayStatistics(string OfficeId, DateOnly Day, int Issued, int Served, int Missed, int Transferred, int WalkInsRefused,
        IReadOnlyDictionary<string, Times> ByLine, IReadOnlyDictionary<string, Times> ByProcedure, IReadOnlyDictionary<string, int> TransfersByLine);

    public static RouteHandlerBuilder MapStatistics(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/queues/offices/{officeId}/statistics", Get).WithName("GetQueueStatistics").WithTags("Statistics")
            .WithSummary("Waiting and service times per line and procedure for one day (?day=yyyy-MM-dd, default today) (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<DayStatistics>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> Get(string officeId, DateOnly? day, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        await days.OfficeAsync(session, officeId, ct);
        var date = day ?? days.Today;
        if (date > days.Today) throw Rejection.Invalid("day", "No statistics for days to come.");
        var events = await session.Events.FetchStreamAsync(OfficeDay.StreamKey(officeId, date), token: ct);
        return TypedResults.Ok(Of(officeId, date, events.Select(e => e.Data)));
    }

    public static DayStatistics Of(string officeId, DateOnly day, IEnumerable<object> events)
    {
        var list = events.ToList();
        var served = list.OfType<TicketServed>().ToList();
        var issuedOn = list.OfType<TicketIssued>().GroupBy(t => t.Number).ToDictionary(g => g.Key, g => g.First().Line);
        string OriginalLine(string number, string line) => issuedOn.GetValueOrDefault(number, line);
        var transfers = list.OfType<TicketTransferred>().ToList();
        return new DayStatistics(officeId, day, list.OfType<TicketIssued>().Count(), served.Count, list.OfType<TicketMissed>().Count(),
            transfers.Count, list.OfType<WalkInRefused>().Count(),
            served.GroupBy(s => OriginalLine(s.Number, s.Line)).ToDictionary(g => g.Key, g => TimesOf(g.ToList())),
            served.GroupBy(s => s.ProcedureCode).ToDictionary(g => g.Key, g => TimesOf(g.ToList())),
            transfers.GroupBy(t => OriginalLine(t.Number, t.FromLine)).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static Times TimesOf(List<TicketServed> served) => new(served.Count,
        Math.Round(served.Average(s => s.WaitMinutes), 2), Math.Round(served.Max(s => s.WaitMinutes), 2), Math.Round(served.Average(s => s.ServiceMinutes), 2));
}
