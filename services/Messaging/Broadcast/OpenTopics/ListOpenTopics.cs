using Marten;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Broadcast.Topics;

namespace Omnichannel.Messaging.Broadcast.OpenTopics;

/// <summary>A topic a citizen may join, as a channel (the citizen web, a kiosk) shows it: its names and descriptions, and
/// the words to send from one's own chat to join or leave it — the chat itself is the proof of the identity, so no
/// front-end ever joins anyone to a list.</summary>
public sealed record OpenTopic(string Code, LocalizedText Names, LocalizedText Descriptions, LocalizedText Join, LocalizedText Leave, string StopAll);

/// <summary>GET /api/messaging/alert-topics: the council's topics that take members (not retired), for any client.
/// No member counts: those are staff's.</summary>
public static class ListOpenTopicsEndpoint
{
    public static async Task<IResult> Handle(IQuerySession session, CancellationToken ct)
    {
        var topics = await session.Query<Topic>().Where(t => !t.Retired).OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(topics.Select(Of).ToList());
    }

    /// <summary>The words <see cref="Membership.MembershipWords"/> reads, one per language, in capitals as citizens are told them.</summary>
    public static OpenTopic Of(Topic topic) => new(topic.Code, topic.Names, topic.Descriptions,
        new LocalizedText($"ALTA {topic.Code}", $"ALTA {topic.Code}", $"JOIN {topic.Code}"),
        new LocalizedText($"BAIXA {topic.Code}", $"BAJA {topic.Code}", $"LEAVE {topic.Code}"),
        "STOP");
}
