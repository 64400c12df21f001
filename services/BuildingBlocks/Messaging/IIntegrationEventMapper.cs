using JasperFx.Events;
using Omnichannel.Contracts;

namespace Omnichannel.BuildingBlocks.Messaging;

/// <summary>
/// Says which of a service's own events leave it, and as which contract: the outbox subscription
/// asks it for every stored event and publishes what it returns. Returning null keeps the event private.
/// </summary>
public interface IIntegrationEventMapper
{
    /// <summary>The CloudEvents "source" of this service's events, e.g. "/omnichannel/procedures".</summary>
    string Source { get; }

    IIntegrationEvent? Map(IEvent storedEvent);
}
