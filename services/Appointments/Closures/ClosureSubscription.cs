using JasperFx.Events;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Appointments.Closures;

/// <summary>
/// Hears every <see cref="OfficeClosureDeclared"/> through a checkpointed Marten subscription (run by the async
/// daemon, like the outbox) and moves the appointments that day. The checkpoint only advances once a page's closures
/// are done: a crash after the closure was declared, or a failure half-way (the citizens service down), resumes
/// from the last checkpoint, and appointments already moved are not stranded any more, so nothing moves twice.
/// </summary>
public sealed class ClosureSubscription : EachEventSubscription
{
    public const string SubscriptionName = "office-closures";

    public ClosureSubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName) => IncludeType<OfficeClosureDeclared>();

    protected override Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct) =>
        stored.Data is OfficeClosureDeclared closure
            ? services.GetRequiredService<ClosureRelocation>().RelocateAsync(closure.OfficeId, closure.Date, closure.Reason, ct)
            : Task.CompletedTask;
}
