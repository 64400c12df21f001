using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Appointments.Closures;

/// <summary>
/// Hears every <see cref="OfficeClosureDeclared"/> through a checkpointed Marten subscription (run by the async
/// daemon, like the outbox) and moves the appointments that day. The checkpoint only advances once a page's closures
/// are done: a crash after the closure was declared, or a failure half-way (the citizens service down), resumes
/// from the last checkpoint, and appointments already moved are not stranded any more, so nothing moves twice.
/// </summary>
public sealed class ClosureSubscription : SubscriptionBase
{
    public const string SubscriptionName = "office-closures";

    private readonly IServiceScopeFactory scopes;

    public ClosureSubscription(IServiceScopeFactory scopes)
    {
        this.scopes = scopes;
        Name = SubscriptionName;
        IncludeType<OfficeClosureDeclared>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var stored in page.Events)
        {
            if (stored.Data is not OfficeClosureDeclared closure) continue;
            using var context = RequestContext.Begin(stored.TenantId, stored.CorrelationId);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClosureRelocation>().RelocateAsync(closure.OfficeId, closure.Date, closure.Reason, cancellationToken);
        }
        return NullChangeListener.Instance;
    }
}
