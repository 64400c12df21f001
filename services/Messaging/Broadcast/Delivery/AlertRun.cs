using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Broadcast.Alerts;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Broadcast.Pacing;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Sending;

namespace Omnichannel.Messaging.Broadcast.Delivery;

/// <summary>
/// Delivers one alert, page after page of its topic's list (ordered by id, <see cref="BroadcastOptions.PageSize"/> at
/// a time: memory is one page whatever the list's size). Each page is <b>claimed</b> before anything is sent — the
/// alert's cursor moved and one <see cref="AlertRecipient"/> inserted per member, in one transaction under the alert's
/// optimistic concurrency — then sent, paced to each account's limits (<see cref="ChannelPacer"/>), and the outcomes
/// recorded. A restart resumes after the cursor; a member claimed but not recorded (the process stopped mid-page) is
/// marked <see cref="RecipientStatus.Unconfirmed"/> and never sent again: an alert reaches someone at most once.
/// </summary>
public sealed class AlertRun(IDocumentStore store, IEnumerable<IChannelSender> senders, ChannelPacer pacer, ConversationLocks locks,
    IOptions<BroadcastOptions> options, TimeProvider clock, ILogger<AlertRun> logger, IServiceScopeFactory scopes, HotStreams<Conversation> streams)
{
    private sealed record Claimed(AlertRecipient Recipient, TopicSubscriber Member);

    public async Task RunAsync(string council, Guid alertId, CancellationToken ct)
    {
        using var context = RequestContext.Begin(council, RequestContext.CorrelationId);
        // A campaign to a procedure's citizens writes its list first (resumable, page by page).
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Campaigns.CampaignAudience>().BuildAsync(alertId, ct);
        await SettleInterruptedAsync(alertId, ct);
        // A pipeline, so the pace never stops at a page's edge: the next page is claimed while this one is sent, and
        // its sends start as soon as this page's last send has started (not when it has been answered); each page's
        // outcomes are recorded once all its sends are answered. At most MaxInFlight sends and a few pages in memory.
        using var inFlight = new SemaphoreSlim(options.Value.MaxInFlight);
        var recording = new List<Task>();
        var claiming = ClaimAsync(alertId, ct);
        while (true)
        {
            if (!claiming.IsCompleted)
            {
                var waited = System.Diagnostics.Stopwatch.GetTimestamp();
                await claiming;
                ChannelPacer.Timings.Since("claim wait", waited);
            }
            var (alert, page, finished) = await claiming;
            if (alert is null) break;
            if (finished)
            {
                await Task.WhenAll(recording);
                await FinishAsync(alertId, ct);
                return;
            }
            claiming = ClaimAsync(alertId, ct);
            if (page.Count == 0) continue; // every member of the page opted out or blocked the bot
            var answered = await DispatchPageAsync(alert, page, inFlight, ct);
            recording.Add(RecordAsync(answered, page.Select(c => c.Recipient).ToList(), ct));
            // Pages whose outcomes are recorded are forgotten (their failures surface here); a slow database holds the pace
            // rather than memory growing.
            for (var i = recording.Count - 1; i >= 0; i--)
                if (recording[i].IsCompleted) { await recording[i]; recording.RemoveAt(i); }
            while (recording.Count > MaxPagesUnrecorded) { await Task.WhenAny(recording); for (var i = recording.Count - 1; i >= 0; i--) if (recording[i].IsCompleted) { await recording[i]; recording.RemoveAt(i); } }
        }
        await Task.WhenAll(recording);
    }

    /// <summary>Pages sent but not yet recorded, at most (memory: this many pages of recipients).</summary>
    private const int MaxPagesUnrecorded = 4;

    private async Task FinishAsync(Guid alertId, CancellationToken ct)
    {
        await using var session = store.OpenTenantSession();
        var alert = await session.LoadAsync<Alert>(alertId, ct);
        if (alert is null || alert.Stage == AlertStage.Done) return;
        alert.Stage = AlertStage.Done;
        alert.FinishedAt = clock.GetUtcNow();
        session.Store(alert);
        try { await session.SaveChangesAsync(ct); }
        catch (Exception e) when (LostRace.Is(e)) { return; } // another instance finished it
        logger.LogInformation("Alert {Alert} finished: {Recipients} recipients", alertId, alert.Recipients);
    }

    /// <summary>Members claimed by a run that stopped before recording them: sent or not, never again.</summary>
    private async Task SettleInterruptedAsync(Guid alertId, CancellationToken ct)
    {
        while (true)
        {
            await using var session = store.OpenTenantSession();
            var stuck = await session.Query<AlertRecipient>().Where(r => r.AlertId == alertId && r.Status == RecipientStatus.Claimed)
                .Take(options.Value.PageSize).ToListAsync(ct);
            if (stuck.Count == 0) return;
            foreach (var r in stuck) { r.Status = RecipientStatus.Unconfirmed; r.UpdatedAt = clock.GetUtcNow(); session.Store(r); }
            await session.SaveChangesAsync(ct);
            logger.LogWarning("Alert {Alert}: {Count} recipients claimed before a restart are marked unconfirmed (not sent again)", alertId, stuck.Count);
        }
    }

    private readonly SemaphoreSlim claimOne = new(1, 1);

    /// <summary>The next page of members after the cursor, claimed; none left: finished. Null alert: finished, gone,
    /// or another instance claimed the page first (it carries on).</summary>
    private async Task<(Alert? Alert, List<Claimed> Page, bool Finished)> ClaimAsync(Guid alertId, CancellationToken ct)
    {
        await claimOne.WaitAsync(ct);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var session = store.OpenTenantSession();
            var alert = await session.LoadAsync<Alert>(alertId, ct);
            if (alert is null || alert.Stage == AlertStage.Done) return (null, [], true);
            var members = (await session.QueryAsync<TopicSubscriber>(
                "where tenant_id = ? and data ->> 'Topic' = ? and id > ? order by id limit ?",
                ct, alert.Council, alert.Topic, alert.Cursor, options.Value.PageSize)).ToList();
            var now = clock.GetUtcNow();
            if (members.Count == 0) return (alert, [], true);

            // Opted out since (a STOP removes its lists, but a page read just before may still name it) or blocked: not sent.
            var optedOut = (await session.LoadManyAsync<BroadcastOptOut>(ct, members.Select(m => m.Conversation))).Select(o => o.Id).ToHashSet();
            var blocked = (await session.LoadManyAsync<ConversationView>(ct, members.Select(m => m.Conversation))).Where(v => v.Blocked).Select(v => v.Id).ToHashSet();
            var page = new List<Claimed>(members.Count);
            foreach (var member in members)
            {
                if (optedOut.Contains(member.Conversation)) { alert.Skipped++; continue; }
                var recipient = new AlertRecipient
                {
                    Id = AlertRecipient.Key(alertId, member.Conversation), AlertId = alertId, Conversation = member.Conversation, Channel = member.Channel,
                    Status = blocked.Contains(member.Conversation) ? RecipientStatus.Blocked : RecipientStatus.Claimed, ClaimedAt = now,
                };
                session.Insert(recipient);
                alert.Recipients++;
                if (recipient.Status == RecipientStatus.Claimed) page.Add(new Claimed(recipient, member));
            }
            alert.Cursor = members[^1].Id;
            session.Store(alert);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (LostRace.Is(e) || Conversations.Receiving.Duplicates.IsDuplicateMark(e))
            {
                logger.LogInformation("Alert {Alert}: another instance claimed the page; it carries on", alertId);
                return (null, [], false);
            }
            return (alert, page, false);
        }
        finally
        {
            ChannelPacer.Timings.Since("claim", started);
            claimOne.Release();
        }
    }

    /// <summary>Starts the page's sends, each in its paced turn; returns once the last has started, with the task of
    /// all of them answered.</summary>
    private async Task<Task> DispatchPageAsync(Alert alert, List<Claimed> page, SemaphoreSlim inFlight, CancellationToken ct)
    {
        var sends = new List<Task>(page.Count);
        // Each account keeps its own pace: a page mixing Telegram and WhatsApp members sends on both at once.
        var accounts = page.GroupBy(c => (c.Member.Channel, c.Member.Account)).Select(async group =>
        {
            foreach (var claimed in group)
            {
                if (!inFlight.Wait(0))
                {
                    var waited = System.Diagnostics.Stopwatch.GetTimestamp();
                    await inFlight.WaitAsync(ct);
                    ChannelPacer.Timings.Since("in-flight wait", waited);
                }
                ChannelPacer.Turn turn;
                try { turn = await pacer.WaitTurnAsync(group.Key.Channel, group.Key.Account, claimed.Member.ChatId, ct); }
                catch { inFlight.Release(); throw; }
                var send = SendOneAsync(alert, claimed, turn).ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
                lock (sends) sends.Add(send);
            }
        });
        await Task.WhenAll(accounts);
        return Task.WhenAll(sends);
    }

    private async Task SendOneAsync(Alert alert, Claimed claimed, ChannelPacer.Turn turn)
    {
        var (recipient, member) = claimed;
        var sender = senders.FirstOrDefault(s => s.Channel == member.Channel);
        SendOutcome outcome;
        if (sender is null) outcome = new SendOutcome.Failed($"no-sender-for-{member.Channel}");
        else
        {
            var message = new Outbound(member.Conversation, MessageId(recipient.Id), member.Account, member.ChatId, alert.Text.In(member.Language))
            {
                Purpose = alert.Kind == AlertKind.Campaign ? OutboundPurposes.Campaign : OutboundPurposes.Alert, Language = member.Language,
            };
            outcome = await SendWithRetriesAsync(sender, message, member, turn);
        }
        turn.Dispose();
        recipient.UpdatedAt = clock.GetUtcNow();
        switch (outcome)
        {
            case SendOutcome.Sent s: recipient.Status = RecipientStatus.Sent; recipient.ProviderMessageId = s.ProviderMessageId; break;
            case SendOutcome.Blocked: recipient.Status = RecipientStatus.Blocked; break;
            case SendOutcome.Failed f: recipient.Status = RecipientStatus.Failed; recipient.Reason = f.Reason; break;
        }
    }

    /// <summary>Telegram's 429s are waited out inside its sender (retry_after); another provider's 429 (thrown with its
    /// status) pauses the whole account and is tried again. Anything else thrown is a failure for this member: the
    /// send may or may not have left, and an alert never risks a second one.</summary>
    private async Task<SendOutcome> SendWithRetriesAsync(IChannelSender sender, Outbound message, TopicSubscriber member, ChannelPacer.Turn turn)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await sender.SendAsync(message, CancellationToken.None);
                }
                catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.TooManyRequests && attempt < 4)
                {
                    var wait = TimeSpan.FromSeconds(attempt);
                    pacer.Pause(member.Channel, member.Account, wait);
                    turn.Dispose();
                    turn = await pacer.WaitTurnAsync(member.Channel, member.Account, member.ChatId, CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("An alert's send on {Channel} failed: {Error}", member.Channel, e.GetType().Name);
                    return new SendOutcome.Failed("provider-unavailable");
                }
            }
        }
        finally
        {
            turn.Dispose(); // answered: the sends L after it may go a second later
        }
    }

    /// <summary>The page's outcomes, in one transaction; a citizen who blocked the bot is noted on their conversation
    /// (nothing more is sent there until they write again).</summary>
    private async Task RecordAsync(Task answered, List<AlertRecipient> recipients, CancellationToken ct)
    {
        await answered;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var session = store.OpenTenantSession())
        {
            foreach (var r in recipients) session.Store(r);
            await session.SaveChangesAsync(ct);
        }
        ChannelPacer.Timings.Since("record", started);
        foreach (var r in recipients.Where(r => r.Status == RecipientStatus.Blocked))
        {
            using var turn = await locks.EnterAsync(RequestContext.RequiredTenantId, r.Conversation, ct);
            await ConcurrencyRetry.RetryOnConflictAsync(async () =>
            {
                await using var session = store.OpenTenantSession();
                var (state, version) = await session.LoadAsync(r.Conversation, Conversation.Initial, Conversation.Evolve, ct);
                var events = ConversationDecisions.Block(state, true, clock.GetUtcNow());
                if (events.Count == 0) return true;
                // At the version just read (in the chat's turn): another instance's write is a conflict, decided again.
                if (version == 0) session.Events.StartStream(r.Conversation, [.. events]);
                else session.Events.Append(r.Conversation, version + events.Count, [.. events]);
                await session.SaveChangesAsync(ct);
                // Told to the conversations this process keeps, as the webhook does after its commit: the chat's next
                // reply outcome appends at the right version at once.
                streams.Appended(session.TenantId, r.Conversation, state, version, events);
                return true;
            }, ct);
        }
    }

    /// <summary>The same id for the same recipient every time (an e-mail's Message-ID).</summary>
    private static Guid MessageId(string recipientKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes(recipientKey))[..16]);
}
