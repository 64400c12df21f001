using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations.Starting;

namespace Omnichannel.Messaging.Conversations.Receiving;

/// <summary>A chat account of a council: which channel, which bot or app.</summary>
public sealed record ChannelAccount(string Channel, string Name, string Council);

public enum Received { Stored, AlreadyProcessed, Ignored }

/// <summary>
/// What every webhook does once the provider is verified and the body read: the delivery is applied once — its mark
/// (<see cref="ProcessedMessage"/>, keyed by channel, account and the provider's delivery id) is saved in the same
/// transaction as the conversation's events, so a redelivered update or notification changes nothing.
/// </summary>
public sealed class ReceiveInbound(IDocumentStore store, ConversationOpening opening, Answers answers, Operators.HandingOver.OperatorDesk desk,
    ConversationLocks locks, HotStreams<Conversation> streams, Linking.ChatLinking linking, Sending.ReplyDispatcher dispatcher,
    Broadcast.Membership.MembershipInbound membership, Keywords.KeywordCache keywords, Microsoft.Extensions.Options.IOptions<Email.EmailAttachmentOptions> attachments,
    TimeProvider clock, ILogger<ReceiveInbound> logger, Telegram.CallbackAnswers callbacks, ConversationKeys keys, GroupCommit commits)
{
    public async Task<Received> ReceiveAsync(ChannelAccount account, Inbound inbound, CancellationToken ct)
    {
        // The council is the account's, from configuration: a webhook carries no token.
        using var context = RequestContext.Begin(account.Council, RequestContext.CorrelationId);
        if (inbound is InboundIgnored ignored)
        {
            logger.LogInformation("{Channel} update of a kind not handled ({What}) from account {Account}: ignored", account.Channel, ignored.What, account.Name);
            return Received.Ignored;
        }

        var mark = $"{account.Channel}:{account.Name}:{inbound.DeliveryId}";
        var chat = inbound switch
        {
            InboundMessage m => m.ChatId,
            InboundBlocked b => b.ChatId,
            InboundDeliveryStatus s => s.ChatId,
            _ => throw new InvalidOperationException($"No chat in {inbound.GetType().Name}."),
        };
        var key = keys.For(account.Channel, account.Name, chat);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var turn = await locks.EnterAsync(account.Council, key, ct);
        InboundTimings.Phases.Since("turn", started);
        // A press on an inline keyboard: what it got decides Telegram's acknowledgement, sent once it is stored.
        (Reply? Reply, string Language)? pressed = null;
        var received = await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            // One round trip for everything the decision needs: the delivery's mark, only what was appended to the
            // conversation since this process last saw it (a long chat costs no more than a new one), and the keyword
            // set's version (the set itself is read again only when it changed).
            var tenant = session.TenantId;
            var known = streams.Known(tenant, key);
            var reading = System.Diagnostics.Stopwatch.GetTimestamp();
            // The conversation's view too, into this session's identity map: the inline projection that updates it
            // at the commit then finds it there instead of loading it (one round trip less on the answer's path).
            session.UseIdentityMapFor<ConversationView>();
            var reads = session.CreateBatchQuery();
            var seen = reads.CheckExists<ProcessedMessage>(mark);
            var appended = reads.Events.FetchStream(key, 0, null, known.Version + 1);
            _ = reads.Load<ConversationView>(key);
            var keywordVersion = inbound is InboundMessage ? keywords.StageVersion(reads, tenant) : null;
            await reads.Execute(ct);
            InboundTimings.Phases.Since("read", reading);
            var deciding = System.Diagnostics.Stopwatch.GetTimestamp();
            if (await seen) return Received.AlreadyProcessed;
            var (state, version) = streams.Fold(tenant, key, known, await appended);
            var now = clock.GetUtcNow();

            IReadOnlyList<object> events;
            switch (inbound)
            {
                case InboundMessage message:
                    var set = await keywords.GetAsync(session, await keywordVersion!, ct);
                    // The chat as it wrote now, not as the conversation's start recorded it: retention may have masked that.
                    var open = state.Started
                        ? new Opening(state.Channel, state.Account, chat, state.Language, state.CitizenId)
                        : await opening.OpenAsync(account, message, ct);
                    // ALTA/BAIXA <topic>, STOP: the broadcast lists answer, not the keywords.
                    if (await membership.TryAsync(session, state.Membership, open, message, now, ct) is { } listed)
                    {
                        events = [.. ConversationDecisions.Receive(state, open, message, new Reply(listed.Reply, ReplyReasons.Membership, null), Guid.NewGuid(), now), .. listed.Events];
                        break;
                    }
                    // VINCULA/LINK + a personal code links an unknown chat to its citizen; anything else is answered.
                    var link = await linking.TryAsync(open, message, state.Desk, now, ct);
                    var reply = link is not null ? link.Reply : await answers.AnswerAsync(set, open, message, ct, state.Desk);
                    // The operators' side may hand the conversation over (or say when people answer) instead.
                    var routed = await desk.RouteAsync(session, set, state.Desk, open, message, reply, now, ct);
                    // Files refused (an e-mail's: type by content, size): the citizen is told which and why.
                    routed = Email.AttachmentRefusalTexts.Told(routed, open.Language, message.RefusedAttachments, attachments.Value);
                    pressed = (routed.Reply, open.Language);
                    events = [.. ConversationDecisions.Receive(state, open, message, routed.Reply, Guid.NewGuid(), now),
                        .. (link?.Linked is { } linked ? [linked] : Array.Empty<object>()), .. routed.Events];
                    break;
                case InboundBlocked blocked:
                    events = ConversationDecisions.Block(state, blocked.Blocked, now);
                    break;
                case InboundDeliveryStatus status:
                    events = ConversationDecisions.Status(state, status.ProviderMessageId, status.Status, status.At);
                    break;
                default:
                    events = [];
                    break;
            }

            if (events.Count > 0)
            {
                if (version == 0) session.Events.StartStream(key, events);
                else session.Events.Append(key, version + events.Count, events);
            }
            session.Insert(new ProcessedMessage { Id = mark, ProcessedAt = now });
            // The replies are claimed in this same transaction: sent right after it, by this process.
            var claimed = dispatcher.Claim(session, key, events.OfType<ReplyQueued>());
            InboundTimings.Phases.Since("decide", deciding);
            var committing = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                // Durable before the 200, shared with the webhooks of other chats that arrive meanwhile (group commit).
                await commits.SaveAsync(session);
                InboundTimings.Phases.Since("commit", committing);
            }
            catch (Exception e) when (Duplicates.IsDuplicateMark(e))
            {
                dispatcher.Abandon(claimed);
                return Received.AlreadyProcessed; // the same delivery, processed at the same instant elsewhere
            }
            catch
            {
                dispatcher.Abandon(claimed); // not committed: decided again (a conflict) or failed
                throw;
            }
            streams.Appended(tenant, key, state, version, events);
            // Committed: the answer leaves now, still in the conversation's turn so its replies stay in order.
            dispatcher.SendSoon(key, claimed);
            return Received.Stored;
        }, ct);
        InboundTimings.Phases.Since("total", started);
        if (received == Received.Stored && inbound is InboundMessage { CallbackQueryId: { } query })
            callbacks.AnswerSoon(account.Name, query, Buttons.ButtonPresses.Acknowledgement(pressed?.Reply, pressed?.Language ?? "ca"));
        return received;
    }
}

internal static class Duplicates
{
    public static bool IsDuplicateMark(Exception e) => e switch
    {
        JasperFx.DocumentAlreadyExistsException => true,
        AggregateException a => a.InnerExceptions.Any(IsDuplicateMark),
        _ => e.InnerException is not null && IsDuplicateMark(e.InnerException),
    };
}
