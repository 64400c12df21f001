using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Omnichannel.Messaging.Broadcast.Membership;

/// <summary>One member of one topic's list: what an alert needs to reach them, without reading their conversation.
/// Paged by id (<see cref="Key"/> sorts a topic's members together), so an alert never loads a whole list.</summary>
public sealed class TopicSubscriber
{
    /// <summary>"{topic}|{conversation stream key}".</summary>
    public string Id { get; set; } = "";
    public string Topic { get; set; } = "";
    public string Conversation { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Account { get; set; } = "";
    public string ChatId { get; set; } = "";
    public string Language { get; set; } = "ca";
    public DateTimeOffset JoinedAt { get; set; }

    public static string Key(string topic, string conversation) => $"{topic}|{conversation}";
}

/// <summary>An identity that sent STOP/BAIXA/BAJA: no alert or proactive campaign reaches it (id: the conversation's stream key).</summary>
public sealed class BroadcastOptOut
{
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>The lists' documents, kept in the same transaction as the conversation's events (inline).</summary>
public sealed partial class SubscriberProjection : EventProjection
{
    public void Project(IEvent<TopicJoined> e, IDocumentOperations ops) => ops.Store(new TopicSubscriber
    {
        Id = TopicSubscriber.Key(e.Data.Topic, e.StreamKey!), Topic = e.Data.Topic, Conversation = e.StreamKey!,
        Channel = e.Data.Channel, Account = e.Data.Account, ChatId = e.Data.ChatId, Language = e.Data.Language, JoinedAt = e.Data.At,
    });

    public void Project(IEvent<TopicLeft> e, IDocumentOperations ops) => ops.Delete<TopicSubscriber>(TopicSubscriber.Key(e.Data.Topic, e.StreamKey!));

    public void Project(IEvent<OptedOut> e, IDocumentOperations ops)
    {
        foreach (var topic in e.Data.Topics) ops.Delete<TopicSubscriber>(TopicSubscriber.Key(topic, e.StreamKey!));
        ops.Store(new BroadcastOptOut { Id = e.StreamKey!, At = e.Data.At });
    }

    public void Project(IEvent<OptedIn> e, IDocumentOperations ops) => ops.Delete<BroadcastOptOut>(e.StreamKey!);
}
