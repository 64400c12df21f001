using Marten;
using Omnichannel.Messaging.Broadcast.Alerts;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Broadcast.Delivery;

/// <summary>A provider's status for a message that was an alert's (WhatsApp statuses sent/delivered/read/failed, in
/// any order, possibly twice): the recipient moves forward only (<see cref="RecipientDecisions.Next"/>), in turn with
/// everything else written about that conversation.</summary>
public sealed class AlertReports(IDocumentStore store, ConversationLocks locks, TimeProvider clock)
{
    public async Task ReportAsync(string council, string channel, string providerMessageId, DeliveryStatus status, CancellationToken ct)
    {
        AlertRecipient? recipient;
        await using (var query = store.QuerySession(council))
            recipient = await query.Query<AlertRecipient>().Where(r => r.ProviderMessageId == providerMessageId && r.Channel == channel).FirstOrDefaultAsync(ct);
        if (recipient is null) return;
        using var turn = await locks.EnterAsync(council, recipient.Conversation, ct);
        await using var session = store.LightweightSession(council);
        recipient = await session.LoadAsync<AlertRecipient>(recipient.Id, ct);
        if (recipient is null || RecipientDecisions.Next(recipient.Status, status) is not { } next) return;
        recipient.Status = next;
        recipient.UpdatedAt = clock.GetUtcNow();
        session.Store(recipient);
        await session.SaveChangesAsync(ct);
    }
}
