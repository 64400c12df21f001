using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// A checkpointed Marten subscription (run by the async daemon, like the outbox) that does some work for each event of
/// its types, in order, in the event's council and correlation, with a fresh service scope. The checkpoint advances only
/// once a page is done: a failure half-way (a provider or neighbour down) retries the page from the checkpoint, so the
/// work must skip what an earlier try already did.
/// </summary>
public abstract class EachEventSubscription : SubscriptionBase
{
    private readonly IServiceScopeFactory scopes;

    /// <summary>A subclass names its event types with <c>IncludeType&lt;T&gt;()</c> in its constructor.</summary>
    protected EachEventSubscription(IServiceScopeFactory scopes, string name)
    {
        this.scopes = scopes;
        Name = name;
    }

    /// <summary>The work for one event; events of other types never reach it.</summary>
    protected abstract Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct);

    public sealed override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var stored in page.Events)
        {
            using var context = RequestContext.Begin(stored.TenantId, stored.CorrelationId);
            await using var scope = scopes.CreateAsyncScope();
            await HandleAsync(stored, scope.ServiceProvider, cancellationToken);
        }
        return NullChangeListener.Instance;
    }
}
