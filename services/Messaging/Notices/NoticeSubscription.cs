using System.Security.Cryptography;
using JasperFx.Events;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Email;
using Omnichannel.Messaging.Sending;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Notices;

/// <summary>
/// Sends each notice on the current channel of its route, from a checkpointed Marten subscription run by the async
/// daemon (like <see cref="ReplySubscription"/>): on <see cref="NoticeRequested"/> the first channel, on
/// <see cref="NoticeFellBack"/> the next. How it went is appended to the notice; a failure falls back to the next
/// channel. A provider that cannot answer fails the page, retried from the checkpoint; a step already settled is not
/// sent again, so a notice goes out once even when its event is delivered twice or a page is retried.
/// </summary>
public sealed class NoticeSubscription : EachEventSubscription
{
    public const string SubscriptionName = "notices";

    public NoticeSubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName)
    {
        IncludeType<NoticeRequested>();
        IncludeType<NoticeFellBack>();
    }

    protected override Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct) =>
        (stored.Data switch { NoticeRequested => 0, NoticeFellBack f => f.Step, _ => -1 }) is var step and >= 0
            ? services.GetRequiredService<NoticeDelivery>().SendStepAsync(stored.StreamKey!, step, ct)
            : Task.CompletedTask;
}

/// <summary>A provider's message id sent for a notice: a delivery report naming it finds the notice.</summary>
public sealed class NoticeMessage
{
    /// <summary>"{channel}:{provider message id}".</summary>
    public string Id { get; set; } = "";
    public string NoticeStream { get; set; } = "";

    public static string KeyFor(string channel, string providerMessageId) => $"{channel}:{providerMessageId}";
}

/// <summary>One step of a notice: sent on its channel unless already settled, the outcome recorded on the notice.</summary>
public sealed class NoticeDelivery(IDocumentStore store, IEnumerable<IChannelSender> senders, TimeProvider clock, ILogger<NoticeDelivery> logger,
    ConversationKeys keys)
{
    public async Task SendStepAsync(string streamKey, int step, CancellationToken ct)
    {
        Notice state;
        NoticeRequested? request;
        await using (var query = store.QueryTenantSession())
        {
            var events = await query.Events.FetchStreamAsync(streamKey, token: ct);
            state = events.Select(e => e.Data).Aggregate(Notice.Initial, Notice.Evolve);
            request = events.Select(e => e.Data).OfType<NoticeRequested>().FirstOrDefault();
        }
        if (request is null || state.Step != step || state.Status != NoticeStatus.Requested || step >= state.Route.Count) return;

        var target = state.Route[step];
        var conversation = keys.For(target.Channel, target.Account, target.Address);
        if (target.Channel == ChannelNames.Email) await ThreadAsync(conversation, request.Subject, ct);
        var sender = senders.FirstOrDefault(s => s.Channel == target.Channel);
        var outcome = sender is null
            ? new SendOutcome.Failed($"no-sender-for-{target.Channel}")
            : await sender.SendAsync(new Outbound(conversation, StepId(request.NoticeId, step), target.Account, target.Address, request.Text) { Purpose = OutboundPurposes.Notice, Language = request.Language }, ct);
        if (outcome is not SendOutcome.Sent) logger.LogWarning("A notice was not delivered on {Channel}: {Outcome}", target.Channel, outcome.GetType().Name);

        await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            var (current, version) = await session.LoadAsync(streamKey, Notice.Initial, Notice.Evolve, ct);
            var events = outcome switch
            {
                SendOutcome.Sent s => NoticeDecisions.Outcome(current, step, true, s.ProviderMessageId, clock.GetUtcNow()),
                SendOutcome.Failed f => NoticeDecisions.Outcome(current, step, false, f.Reason, clock.GetUtcNow()),
                _ => NoticeDecisions.Outcome(current, step, false, "blocked", clock.GetUtcNow()),
            };
            if (events.Count == 0) return true;
            session.Events.Append(streamKey, version + events.Count, events);
            if (outcome is SendOutcome.Sent { ProviderMessageId: { } id })
                session.Store(new NoticeMessage { Id = NoticeMessage.KeyFor(target.Channel, id), NoticeStream = streamKey });
            await session.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>An e-mail notice opens a thread under its own subject (a reply to it lands in the citizen's e-mail conversation).</summary>
    private async Task ThreadAsync(string conversation, string subject, CancellationToken ct)
    {
        await using var session = store.OpenTenantSession();
        if (await session.LoadAsync<EmailThread>(conversation, ct) is not null) return;
        session.Store(new EmailThread { Id = conversation, Subject = subject });
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The same id for the same step every time: a retried send is recognisable as the same message (e-mail's Message-ID).</summary>
    public static Guid StepId(Guid noticeId, int step)
    {
        Span<byte> data = stackalloc byte[20];
        noticeId.TryWriteBytes(data);
        BitConverter.TryWriteBytes(data[16..], step);
        return new Guid(SHA256.HashData(data)[..16]);
    }
}

/// <summary>A provider's delivery report for a message that was a notice: delivered, or failed after all (then the next channel is tried).</summary>
public sealed class NoticeReports(IDocumentStore store, TimeProvider clock)
{
    public async Task ReportAsync(string council, string channel, string providerMessageId, bool delivered, CancellationToken ct)
    {
        await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.LightweightSession(council);
            var index = await session.LoadAsync<NoticeMessage>(NoticeMessage.KeyFor(channel, providerMessageId), ct);
            if (index is null) return true;
            var (state, version) = await session.LoadAsync(index.NoticeStream, Notice.Initial, Notice.Evolve, ct);
            var events = NoticeDecisions.Report(state, providerMessageId, delivered, clock.GetUtcNow());
            if (events.Count == 0) return true;
            session.Events.Append(index.NoticeStream, version + events.Count, events);
            await session.SaveChangesAsync(ct);
            return true;
        }, ct);
    }
}
