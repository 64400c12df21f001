using System.Globalization;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Messaging.Statistics;

namespace Omnichannel.Messaging.Notices.Listing;

/// <summary>A notice in the staff's list: what it told, how it stands, on which channel. No address of the citizen.</summary>
public sealed record NoticeItem(Guid NoticeId, string Kind, NoticeStatus Status, string? Channel, bool FallbackUsed, bool Undeliverable, DateTimeOffset RequestedAt)
{
    public static NoticeItem Of(NoticeView v) => new(v.NoticeId, v.Kind, v.Status, v.Channel, v.FallbackUsed, v.Undeliverable, v.RequestedAt);
}

/// <summary>One step of a notice's route: the channel and the council's account on it (never the citizen's address),
/// and what each try on it gave.</summary>
public sealed record NoticeRouteStep(int Step, string Channel, string Account, List<string> Outcomes);

public sealed record NoticeDetail(NoticeItem Notice, Guid CitizenId, List<NoticeRouteStep> Route);

/// <summary>
/// GET /api/messaging/notices (staff): the notices sent for other services, newest first, filtered by state
/// (requested, sent, delivered, failed), kind, channel and a period of request dates (yyyy-MM-dd, local days, at most
/// 92); GET /api/messaging/notices/{noticeId}: one notice with its route and every attempt. Only ids in the URL.
/// </summary>
public static class ListNoticesEndpoints
{
    public const int MaxItems = 500;

    public static async Task<IResult> List(string? state, string? kind, string? channel, string? from, string? to, int? limit, IQuerySession session, CancellationToken ct)
    {
        NoticeStatus? status = null;
        if (!string.IsNullOrEmpty(state))
            status = Enum.GetValues<NoticeStatus>().Cast<NoticeStatus?>().FirstOrDefault(s => WireEnum.Name(s!.Value) == state)
                ?? throw Rejection.Invalid("state", "Use requested, sent, delivered or failed.");
        if (!string.IsNullOrEmpty(channel) && !Omnichannel.Contracts.Channels.All.Contains(channel))
            throw Rejection.Invalid("channel", $"Use one of {string.Join(", ", Omnichannel.Contracts.Channels.All)}.");
        var first = from is null ? (DateOnly?)null : Date("from", from);
        var last = to is null ? (DateOnly?)null : Date("to", to);
        if (first is { } f && last is { } l)
        {
            if (l < f) throw Rejection.Invalid("to", "The period ends before it starts.");
            if (l.DayNumber - f.DayNumber >= UsageStatisticsEndpoint.MaxDays) throw Rejection.Invalid("to", $"Ask for at most {UsageStatisticsEndpoint.MaxDays} days at once.");
        }
        var take = limit ?? 100;
        if (take is < 1 or > MaxItems) throw Rejection.Invalid("limit", $"Between 1 and {MaxItems}.");

        var query = session.Query<NoticeView>().AsQueryable();
        if (status is { } s) query = query.Where(n => n.Status == s);
        if (!string.IsNullOrEmpty(kind)) query = query.Where(n => n.Kind == kind);
        if (!string.IsNullOrEmpty(channel)) query = query.Where(n => n.Channel == channel);
        // Local days of the council (Europe/Madrid, as the statistics): a day either side narrows, the exact day filters after.
        if (first is { } since) { var at = Instant(since.AddDays(-1)); query = query.Where(n => n.RequestedAt >= at); }
        if (last is { } until) { var at = Instant(until.AddDays(2)); query = query.Where(n => n.RequestedAt < at); }
        var views = await query.OrderByDescending(n => n.RequestedAt).Take(MaxItems).ToListAsync(ct);
        var items = views
            .Where(n => (first is null || UsageCounting.Day(n.RequestedAt) >= first) && (last is null || UsageCounting.Day(n.RequestedAt) <= last))
            .Take(take).Select(NoticeItem.Of).ToList();
        return TypedResults.Ok(items);
    }

    public static async Task<IResult> Get(Guid noticeId, IQuerySession session, CancellationToken ct)
    {
        var view = await session.LoadAsync<NoticeView>(Notice.StreamKey(noticeId), ct) ?? throw Rejection.NotFound("There is no such notice.");
        var events = await session.Events.FetchStreamAsync(Notice.StreamKey(noticeId), token: ct);
        var requested = events.Select(e => e.Data).OfType<NoticeRequested>().FirstOrDefault();
        var route = (requested?.Route ?? []).Select((t, i) => new NoticeRouteStep(i, t.Channel, t.Account, [])).ToList();
        foreach (var e in events.Select(e => e.Data))
        {
            var (step, outcome) = e switch
            {
                NoticeSent x => (x.Step, "sent"),
                NoticeFailed x => (x.Step, x.Reason),
                NoticeDelivered x => (x.Step, "delivered"),
                _ => (-1, ""),
            };
            if (step >= 0 && step < route.Count) route[step].Outcomes.Add(outcome);
        }
        return TypedResults.Ok(new NoticeDetail(NoticeItem.Of(view), view.CitizenId, route));
    }

    private static DateOnly Date(string field, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : throw Rejection.Invalid(field, "A date as yyyy-MM-dd.");

    private static DateTimeOffset Instant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static RouteGroupBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var notices = app.MapGroup("/api/messaging/notices").WithTags("Notices").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        notices.MapGet("/", List).WithName("ListNotices")
            .WithSummary("Notices told to citizens for other services, newest first; filters state (requested, sent, delivered, failed), kind, channel, from/to (yyyy-MM-dd, at most 92 days), limit (staff).")
            .Produces<List<NoticeItem>>().ProducesValidationProblem();
        notices.MapGet("/{noticeId:guid}", Get).WithName("GetNotice")
            .WithSummary("One notice: its status and its route, channel by channel, with each attempt's outcome; no address of the citizen (staff).")
            .Produces<NoticeDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        return notices;
    }
}
