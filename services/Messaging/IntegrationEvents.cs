using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging;

/// <summary>Which of the messaging service's events other services hear about: the steps of a conversation with a known
/// citizen (for their history: started, handed over to a person, hand-over closed) and complaints sent with a photo or a
/// location (for incidents). No chat id or phone number leaves the service; an unlinked chat's steps stay here.</summary>
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
        _ => null,
    };
}
