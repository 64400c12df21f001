using System.Globalization;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;

namespace Omnichannel.Messaging.Statistics;

/// <summary>Messages in and out on one local day and channel; unanswered: messages no keyword, code or person answered
/// automatically (the "no automatic answer" reply).</summary>
public sealed record DayUsage(DateOnly Date, string Channel, int MessagesIn, int MessagesOut, int Unanswered);

public sealed record KeywordUsage(string Keyword, int Answers);

/// <summary>Hand-overs to people in the period: how many, and how long citizens waited for a claim and for the first
/// answer, in seconds (percentiles over those that got one).</summary>
public sealed record HandoverUsage(int HandedOver, int Claimed, int Answered, int Closed,
    double? WaitP50Seconds, double? WaitP90Seconds, double? FirstAnswerP50Seconds, double? FirstAnswerP90Seconds);

/// <summary>The messaging service's use in a period (local days in Europe/Madrid), for the manager of the service.
/// <paramref name="OptOuts"/>: chats that blocked the bot, and STOP/BAIXA/BAJA requests. No chat id, number or text: counts only.</summary>
public sealed record UsageReport(DateOnly From, DateOnly To, List<DayUsage> Days, List<KeywordUsage> Keywords, HandoverUsage Handovers,
    int OptOuts, int CodeLookups, int WrongCodes, int ThrottledCodes);

/// <summary>Counts, pure, from the conversations' events of a period (each with its stream's channel).</summary>
public static class UsageCounting
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Madrid).DateTime);

    public static UsageReport Count(DateOnly from, DateOnly to, IEnumerable<(string Channel, object Data)> events)
    {
        var days = new Dictionary<(DateOnly, string), (int In, int Out, int Unanswered)>();
        var keywords = new Dictionary<string, int>();
        int handedOver = 0, claimed = 0, answered = 0, closed = 0, optOuts = 0, lookups = 0, wrong = 0, throttled = 0;
        var waits = new List<double>();
        var firstAnswers = new List<double>();
        void Add(DateTimeOffset at, string channel, int @in, int @out, int unanswered)
        {
            var key = (Day(at), channel);
            var (i, o, u) = days.GetValueOrDefault(key);
            days[key] = (i + @in, o + @out, u + unanswered);
        }
        foreach (var (channel, data) in events)
        {
            switch (data)
            {
                case MessageReceived m: Add(m.At, channel, 1, 0, 0); break;
                case ReplyQueued r:
                    Add(r.At, channel, 0, 1, r.Reason == ReplyReasons.Unanswered ? 1 : 0);
                    if (r.Keyword is { } k && r.Reason != ReplyReasons.CodeThrottled) keywords[k] = keywords.GetValueOrDefault(k) + 1;
                    if (r.Reason is ReplyReasons.CodeStatus or ReplyReasons.WrongCode) lookups++;
                    if (r.Reason == ReplyReasons.CodeThrottled) throttled++;
                    break;
                case WrongCodeGiven: wrong++; break;
                case HandedOver: handedOver++; break;
                case HandoverClaimed c: claimed++; waits.Add(c.Waited.TotalSeconds); break;
                case OperatorReplied { FirstAnswerAfter: { } first }: answered++; firstAnswers.Add(first.TotalSeconds); break;
                case HandoverClosed: closed++; break;
                case ChatBlocked: optOuts++; break;
                case Broadcast.Membership.OptedOut: optOuts++; break;
            }
        }
        return new UsageReport(from, to,
            days.OrderBy(d => d.Key.Item1).ThenBy(d => d.Key.Item2).Select(d => new DayUsage(d.Key.Item1, d.Key.Item2, d.Value.In, d.Value.Out, d.Value.Unanswered)).ToList(),
            keywords.OrderByDescending(k => k.Value).ThenBy(k => k.Key).Select(k => new KeywordUsage(k.Key, k.Value)).ToList(),
            new HandoverUsage(handedOver, claimed, answered, closed, Percentile(waits, 0.5), Percentile(waits, 0.9), Percentile(firstAnswers, 0.5), Percentile(firstAnswers, 0.9)),
            optOuts, lookups, wrong, throttled);
    }

    /// <summary>Nearest-rank percentile; null without values.</summary>
    public static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>GET /api/messaging/statistics?from=yyyy-MM-dd&amp;to=yyyy-MM-dd (staff): at most 92 days.</summary>
public static class UsageStatisticsEndpoint
{
    public const int MaxDays = 92;

    private static readonly Type[] Counted =
    [
        typeof(MessageReceived), typeof(ReplyQueued), typeof(WrongCodeGiven), typeof(HandedOver), typeof(HandoverClaimed),
        typeof(OperatorReplied), typeof(HandoverClosed), typeof(ChatBlocked), typeof(Broadcast.Membership.OptedOut),
    ];

    public static async Task<IResult> Handle(string? from, string? to, IQuerySession session, CancellationToken ct)
    {
        var first = Date("from", from);
        var last = Date("to", to);
        if (last < first) throw Rejection.Invalid("to", "The period ends before it starts.");
        if (last.DayNumber - first.DayNumber >= MaxDays) throw Rejection.Invalid("to", $"Ask for at most {MaxDays} days at once.");

        // The events' own instants decide the day; the store's timestamp only narrows the read (a day either side).
        var since = new DateTimeOffset(first.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(last.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp >= since && e.Timestamp < until && e.EventTypesAre(Counted))
            .ToListAsync(ct);
        var inPeriod = events
            .Where(e => At(e.Data) is { } at && UsageCounting.Day(at) >= first && UsageCounting.Day(at) <= last)
            .Select(e => (Channel(e), e.Data));
        return TypedResults.Ok(UsageCounting.Count(first, last, inPeriod));
    }

    private static DateOnly Date(string field, string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Rejection.Invalid(field, "A date as yyyy-MM-dd.");

    /// <summary>The channel from the conversation's stream key.</summary>
    private static string Channel(IEvent e) => ConversationKeys.Parse(e.StreamKey)?.Channel ?? "unknown";

    private static DateTimeOffset? At(object data) => data switch
    {
        MessageReceived m => m.At, ReplyQueued r => r.At, WrongCodeGiven w => w.At, HandedOver h => h.At, HandoverClaimed c => c.At,
        OperatorReplied o => o.At, HandoverClosed c => c.At, ChatBlocked b => b.At, Broadcast.Membership.OptedOut o => o.At, _ => null,
    };
}
