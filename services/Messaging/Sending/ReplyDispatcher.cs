using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// Who is sending a reply, by the reply's id: the claim that makes a reply go once however many senders see it (the
/// webhook's instance right after its commit, the replies subscription as the safety net, another instance). Inserted
/// before the send (a second insert of the same id fails), given its outcome in the same transaction as the
/// conversation's <see cref="ReplySent"/>/<see cref="ReplyFailed"/>, so "already sent?" is one read by key instead of
/// reading the conversation's whole stream.
/// </summary>
public sealed class ReplyDispatch
{
    /// <summary>The reply's id (<see cref="ReplyQueued.ReplyId"/>).</summary>
    public Guid Id { get; set; }
    public string StreamKey { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>sent, failed or blocked once done; null while the claimer is sending.</summary>
    public string? Outcome { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}

public sealed class ReplyOptions
{
    public const string Section = "Messaging:Replies";

    /// <summary>How long a claim without an outcome is trusted before the subscription takes the reply over (its
    /// claimer was killed between claiming and recording). Longer than a send can take, 429 waits included.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Send a reply right after the commit that queued it (off: only the subscription sends).</summary>
    public bool SendAtOnce { get; set; } = true;
}

/// <summary>
/// Sends queued replies. Two ways in, one path: <see cref="SendSoon"/> right after the webhook's commit (the answer
/// leaves without waiting for the async daemon to pick the event up, page after page), and <see cref="DeliverAsync"/>
/// from the checkpointed <see cref="ReplySubscription"/>, which still sees every reply and is what makes none get lost
/// (a process killed after its commit, a provider down). Replies of one conversation leave in the order they were
/// queued (an in-process chain per conversation, entered while the conversation's turn is held); different
/// conversations go in parallel. A reply is sent by whoever holds its <see cref="ReplyDispatch"/> claim: the webhook
/// inserts its replies' claims in its own transaction (no extra round trip before the send); the subscription inserts
/// one for a reply nobody claimed, waits for a claim held elsewhere, and takes it over only after
/// <see cref="ReplyOptions.ClaimLease"/> (its holder was killed between the commit and recording the outcome).
/// The one window left, as before: a process killed after the provider took the message and before the outcome is
/// committed sends it again once the lease is over (the providers have no idempotency key for messages).
/// </summary>
public sealed class ReplyDispatcher(IDocumentStore store, IEnumerable<IChannelSender> senders, ConversationLocks locks, TimeProvider clock,
    IOptions<ReplyOptions> options, IHostApplicationLifetime lifetime, ILogger<ReplyDispatcher> logger,
    Conversations.Receiving.GroupCommit commits, HotStreams<Conversation> streams)
{
    private static readonly TimeSpan PollClaim = TimeSpan.FromMilliseconds(100);
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task> tails = new(StringComparer.Ordinal);

    /// <summary>Staged in the transaction that queues <paramref name="replies"/> (the webhook's): their claims, so the
    /// send right after the commit costs no transaction of its own to claim them. A process killed between that commit
    /// and the send leaves claims without outcome: the subscription sends those replies once the lease is over. Empty
    /// when replies are to be sent by the subscription only.</summary>
    public IReadOnlyList<(ReplyQueued Reply, ReplyDispatch Claim)> Claim(IDocumentSession session, string streamKey, IEnumerable<ReplyQueued> replies)
    {
        if (!options.Value.SendAtOnce) return [];
        var now = clock.GetUtcNow();
        var claimed = replies.Select(r => (r, new ReplyDispatch { Id = r.ReplyId, StreamKey = streamKey, ClaimedAt = now })).ToList();
        foreach (var (reply, claim) in claimed)
        {
            session.Insert(claim);
            sendingHere[reply.ReplyId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return claimed;
    }

    /// <summary>
    /// Replies this process claimed for the send right after the commit, until that send is over (sent and recorded,
    /// or failed and released). The subscription may see such a reply before <see cref="SendSoon"/> has put its send
    /// in the conversation's chain (the daemon is woken by the commit, the webhook carries on a moment later). It
    /// must then wait for that send outside the chain: inside, it would sit before the very send it waits for, polling
    /// the claim until the lease is over (minutes without an answer).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource> sendingHere = new();

    /// <summary>The transaction that claimed <paramref name="claimed"/> did not commit: nothing to wait for.</summary>
    public void Abandon(IReadOnlyList<(ReplyQueued Reply, ReplyDispatch Claim)> claimed)
    {
        foreach (var (reply, _) in claimed)
            if (sendingHere.TryRemove(reply.ReplyId, out var over)) over.TrySetResult();
    }

    /// <summary>Right after the commit that queued and claimed the replies (<see cref="Claim"/>), while the
    /// conversation's turn is still held (so the chain follows the stream's order). Returns at once; the sends run in
    /// the background.</summary>
    public void SendSoon(string streamKey, IReadOnlyList<(ReplyQueued Reply, ReplyDispatch Claim)> claimed)
    {
        var tenant = RequestContext.RequiredTenantId;
        var correlation = RequestContext.CorrelationId;
        var queued = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var (reply, claim) in claimed)
            _ = Chain(tenant, streamKey, async () =>
            {
                // From the commit to the send's start: the chain (an earlier reply of the chat) and the thread pool.
                Conversations.Receiving.InboundTimings.Phases.Since("reply-wait", queued);
                using var context = RequestContext.Begin(tenant, correlation);
                try
                {
                    await SendClaimedAsync(streamKey, reply, claim, lifetime.ApplicationStopping);
                }
                catch (Exception e)
                {
                    // Left to the subscription, which retries from its checkpoint.
                    logger.LogWarning(e, "A {Channel} reply could not be sent at once; the replies subscription will send it", reply.Channel);
                }
                finally
                {
                    if (sendingHere.TryRemove(reply.ReplyId, out var over)) over.TrySetResult();
                }
            });
    }

    /// <summary>The subscription's way: returns once the reply is sent or refused (by anyone); throws when it is worth
    /// trying again (the page is then retried from its checkpoint).</summary>
    public async Task DeliverAsync(IEvent stored, ReplyQueued reply, CancellationToken ct)
    {
        // Being sent right after its commit by this process: wait for that send to be over, outside the chain.
        if (sendingHere.TryGetValue(reply.ReplyId, out var sending)) await sending.Task.WaitAsync(ct);
        await Chain(RequestContext.RequiredTenantId, stored.StreamKey!, () => SendOnceAsync(stored.StreamKey!, reply, stored.Version, ct));
    }

    private Task Chain(string tenant, string streamKey, Func<Task> work)
    {
        var key = $"{tenant}/{streamKey}";
        Task next;
        lock (gate)
        {
            var previous = tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            next = AfterAsync(previous, work);
            tails[key] = next;
        }
        // Forgotten once the conversation's last link is done: memory holds only what is in flight.
        _ = next.ContinueWith(_ => { lock (gate) if (tails.TryGetValue(key, out var tail) && tail == next) tails.Remove(key); },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return next;
    }

    private static async Task AfterAsync(Task previous, Func<Task> work)
    {
        try { await previous; } catch { /* the earlier link's own caller saw its failure */ }
        await work();
    }

    private async Task SendOnceAsync(string streamKey, ReplyQueued reply, long queuedAt, CancellationToken ct)
    {
        if (done.ContainsKey(reply.ReplyId)) return; // recorded by this process: nothing to ask
        var claim = await ClaimAsync(streamKey, reply, queuedAt, ct);
        if (claim is null) return;
        await SendClaimedAsync(streamKey, reply, claim, ct);
    }

    private async Task SendClaimedAsync(string streamKey, ReplyQueued reply, ReplyDispatch claim, CancellationToken ct)
    {
        SendOutcome outcome;
        var sending = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var sender = senders.FirstOrDefault(s => s.Channel == reply.Channel);
            outcome = sender is null
                ? new SendOutcome.Failed($"no-sender-for-{reply.Channel}")
                : await sender.SendAsync(new Outbound(streamKey, reply.ReplyId, reply.Account, reply.ChatId, reply.Text)
                {
                    Media = reply.Media, Buttons = reply.Buttons ?? [], Location = reply.Location,
                }, ct);
            Conversations.Receiving.InboundTimings.Phases.Since("reply-send", sending);
        }
        catch
        {
            // Not sent: the claim goes, so the retry (the subscription's) sends it without waiting for the lease.
            await ReleaseAsync(claim.Id);
            throw;
        }

        var now = clock.GetUtcNow();
        object[] recorded = outcome switch
        {
            SendOutcome.Sent s => [new ReplySent(reply.ReplyId, s.ProviderMessageId, now)],
            SendOutcome.Blocked => [new ReplyFailed(reply.ReplyId, "blocked", now), new ChatBlocked(now)],
            SendOutcome.Failed f => [new ReplyFailed(reply.ReplyId, f.Reason, now)],
            _ => [],
        };
        if (outcome is not SendOutcome.Sent) logger.LogWarning("A {Channel} reply was not delivered: {Outcome}", reply.Channel, outcome.GetType().Name);
        claim.Outcome = outcome switch { SendOutcome.Sent => "sent", SendOutcome.Blocked => "blocked", _ => "failed" };
        claim.DoneAt = now;

        // Appended after whatever the conversation holds now (the citizen may have written meanwhile), in turn with the webhook.
        // Recorded even when the process is stopping: the message has gone.
        var waiting = System.Diagnostics.Stopwatch.GetTimestamp();
        using (await locks.EnterAsync(RequestContext.RequiredTenantId, streamKey, CancellationToken.None))
        {
            Conversations.Receiving.InboundTimings.Phases.Since("reply-turn", waiting);
            var recording = System.Diagnostics.Stopwatch.GetTimestamp();
            var tenant = RequestContext.RequiredTenantId;
            var lost = false;
            await ConcurrencyRetry.RetryOnConflictAsync(async () =>
            {
                await using var session = store.OpenTenantSession();
                // In the conversation's turn, the version this process last saw is normally the stream's (the webhook
                // remembers what it committed): appended there without reading it first. The expected version still
                // catches anything else (another instance, an erasure), and then the state is read as below.
                var known = lost ? (State: Conversation.Initial, Version: 0L) : streams.Known(tenant, streamKey);
                long version;
                if (known.Version > 0) version = known.Version;
                // Erased while it was being sent (the conversation moved to a key naming no chat): nothing goes back under
                // the old key, which would name the chat again.
                else if (await session.Events.FetchStreamStateAsync(streamKey, CancellationToken.None) is { } current) version = current.Version;
                else return true;
                session.Events.Append(streamKey, version + recorded.Length, recorded);
                session.Store(claim);
                try
                {
                    // With other conversations' outcomes and webhooks committing at the same moment (group commit).
                    await commits.SaveAsync(session, outcome: true);
                }
                catch (Exception e) when (LostRace.Is(e))
                {
                    lost = true; // the next attempt reads the stream's state
                    throw;
                }
                // Remembered, so the chat's next webhook reads nothing this process just wrote.
                if (known.Version > 0) streams.Appended(tenant, streamKey, known.State, version, recorded);
                return true;
            }, CancellationToken.None);
            Conversations.Receiving.InboundTimings.Phases.Since("reply-record", recording);
        }
        RememberDone(reply.ReplyId);
    }

    /// <summary>Replies this process recorded lately: the subscription, which sees every reply after the fast path has
    /// sent it (same chain, so in order), skips them without asking the database. Bounded: emptied when full (a
    /// forgotten one is only looked up).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> done = new();
    private const int DoneCapacity = 50_000;

    private void RememberDone(Guid replyId)
    {
        if (done.Count >= DoneCapacity) done.Clear();
        done.TryAdd(replyId, 0);
    }

    /// <summary>The subscription's claim to send, or null when the reply is done (by anyone). A claim held elsewhere
    /// is waited for, and taken over once it has outlived the lease.</summary>
    private async Task<ReplyDispatch?> ClaimAsync(string streamKey, ReplyQueued reply, long queuedAt, CancellationToken ct)
    {
        while (true)
        {
            ReplyDispatch? held;
            await using (var query = store.QueryTenantSession())
                held = await query.LoadAsync<ReplyDispatch>(reply.ReplyId, ct);
            if (held?.Outcome is not null) return null;

            if (held is null)
            {
                // Replies queued before the claims existed: their outcome is only in the stream, after the reply.
                if (await RecordedInStreamAsync(streamKey, reply.ReplyId, queuedAt, ct)) return null;
                var claim = new ReplyDispatch { Id = reply.ReplyId, StreamKey = streamKey, ClaimedAt = clock.GetUtcNow() };
                if (await TryInsertAsync(claim, replacing: false, ct)) return claim;
                continue;
            }

            if (clock.GetUtcNow() - held.ClaimedAt < options.Value.ClaimLease)
            {
                await Task.Delay(PollClaim, ct); // the claimer (here or on another instance) records it soon
                continue;
            }

            logger.LogWarning("A {Channel} reply claimed {Minutes:0} min ago was never recorded: sending it again", reply.Channel, (clock.GetUtcNow() - held.ClaimedAt).TotalMinutes);
            var takeover = new ReplyDispatch { Id = reply.ReplyId, StreamKey = streamKey, ClaimedAt = clock.GetUtcNow() };
            if (await TryInsertAsync(takeover, replacing: true, ct)) return takeover;
        }
    }

    private async Task<bool> TryInsertAsync(ReplyDispatch claim, bool replacing, CancellationToken ct)
    {
        try
        {
            await using var session = store.OpenTenantSession();
            // Two that take over at once: both delete, the second's insert then meets the first's row and fails.
            if (replacing) session.Delete<ReplyDispatch>(claim.Id);
            session.Insert(claim);
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (Conversations.Receiving.Duplicates.IsDuplicateMark(e) || IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static bool IsUniqueViolation(Exception e) =>
        e is Npgsql.PostgresException { SqlState: "23505" } || e.InnerException is not null && IsUniqueViolation(e.InnerException);

    private async Task ReleaseAsync(Guid replyId)
    {
        try
        {
            await using var session = store.OpenTenantSession();
            session.Delete<ReplyDispatch>(replyId);
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A reply's claim could not be released; it is taken over after the lease");
        }
    }

    private async Task<bool> RecordedInStreamAsync(string streamKey, Guid replyId, long queuedAt, CancellationToken ct)
    {
        await using var query = store.QueryTenantSession();
        var events = await query.Events.FetchStreamAsync(streamKey, fromVersion: queuedAt, token: ct);
        return events.Any(e => e.Data is ReplySent s && s.ReplyId == replyId || e.Data is ReplyFailed f && f.ReplyId == replyId);
    }
}
