using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging;

/// <summary>Which of the messaging service's events other services hear about: the steps of a conversation with a known
/// citizen (for their history: started, handed over to a person, hand-over closed, a list joined or left, STOP), what
/// became of each notice told to a citizen (sent, delivered, failed; the fallback used), and complaints sent with a
/// photo or a location (for incidents). No chat id, phone number or text leaves the service; an unlinked chat's steps
/// stay here.</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/messaging";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        ConversationStarted { CitizenId: { } citizen } e => new V1.ChatConversationStarted(stored.TenantId, e.At, citizen, e.Channel, e.Language),
        // A chat linked by keyword + code: for the citizen, their conversation starts now.
        Linking.ConversationLinked e => new V1.ChatConversationStarted(stored.TenantId, e.At, e.CitizenId, e.Channel, e.Language),
        HandedOver { CitizenId: { } citizen } e => new V1.ChatHandedOver(stored.TenantId, e.At, citizen, e.Channel, e.HandoverId, e.Reason),
        HandoverClosed { CitizenId: { } citizen } e => new V1.ChatHandoverClosed(stored.TenantId, e.At, citizen, e.Channel, e.HandoverId, e.Answered),
        ComplaintSubmitted e => new V1.ChatComplaintSubmitted(stored.TenantId, e.At, e.CitizenId, e.Channel, e.ComplaintId, e.Description,
            e.Location?.Latitude, e.Location?.Longitude, e.PhotoFileIds),
        Broadcast.Membership.TopicJoined { CitizenId: { } citizen } e => new V1.ChatTopicJoined(stored.TenantId, e.At, citizen, e.Channel, e.Topic, e.TopicNames),
        Broadcast.Membership.TopicLeft { CitizenId: { } citizen } e => new V1.ChatTopicLeft(stored.TenantId, e.At, citizen, e.Channel, e.Topic, e.TopicNames),
        Broadcast.Membership.OptedOut { CitizenId: { } citizen } e => new V1.ChatOptedOut(stored.TenantId, e.At, citizen, e.Channel, e.Topics, e.TopicNames),
        Notices.NoticeSent { CitizenId: { } citizen, Kind: { } kind } e =>
            new V1.ChatNoticeDelivery(stored.TenantId, e.At, citizen, e.Channel, NoticeId(stored), kind, "sent", e.FallbackFrom),
        Notices.NoticeDelivered { CitizenId: { } citizen, Kind: { } kind } e =>
            new V1.ChatNoticeDelivery(stored.TenantId, e.At, citizen, e.Channel, NoticeId(stored), kind, "delivered", null),
        Notices.NoticeUndeliverable { CitizenId: { } citizen, Kind: { } kind } e =>
            new V1.ChatNoticeDelivery(stored.TenantId, e.At, citizen, e.Channel, NoticeId(stored), kind, "failed", null),
        _ => null,
    };

    /// <summary>The notice's id, from its stream's key ("notice:{id}").</summary>
    private static Guid NoticeId(IEvent stored) =>
        Guid.TryParse(stored.StreamKey?[(stored.StreamKey.IndexOf(':') + 1)..], out var id) ? id : Guid.Empty;
}
