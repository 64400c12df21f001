using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Sending;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>The replies subscription as the safety net of the send right after the webhook's commit: a reply whose
/// claimer was killed before recording its outcome is sent once the claim's lease is over, and a reply recorded as sent
/// is not sent again — both found by the reply's claim, not by reading the conversation.</summary>
[Collection(Collections.Webhooks)]
public sealed class ReplyDispatchTests(MessagingPlatform platform)
{
    /// <summary>What a webhook commits, written straight to the store: the conversation, a queued reply and its claim.</summary>
    private async Task QueueAsync(long chat, params (string Text, ReplyDispatch? Claim)[] replies)
    {
        var key = platform.ConversationKey("telegram", MessagingAccounts.Bot, chat.ToString());
        var now = platform.Clock.GetUtcNow();
        await using var session = platform.Messaging.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant);
        var events = new List<object> { new ConversationStarted("telegram", MessagingAccounts.Bot, chat.ToString(), "ca", null, now) };
        foreach (var (text, claim) in replies)
        {
            var id = claim?.Id ?? Guid.NewGuid();
            events.Add(new ReplyQueued(id, "telegram", MessagingAccounts.Bot, chat.ToString(), text, ReplyReasons.Keyword, "horari", now));
            if (claim is not null) session.Insert(claim);
        }
        session.Events.StartStream(key, events);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task A_reply_whose_claimer_died_before_recording_it_is_sent_by_the_subscription_once_the_lease_is_over()
    {
        var chat = Updates.NewChat();
        var stale = new ReplyDispatch { Id = Guid.NewGuid(), StreamKey = "x", ClaimedAt = platform.Clock.GetUtcNow() - new ReplyOptions().ClaimLease - TimeSpan.FromMinutes(1) };
        await QueueAsync(chat, ("Resposta que es va quedar a mig camí", stale));

        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the reply sent by the subscription");
        Assert.Equal("Resposta que es va quedar a mig camí", Assert.Single(sent).Text);
        await Eventually.Until(() => platform.TelegramEventsAsync(chat), e => e.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the reply recorded");
        await using var session = platform.Query();
        Assert.Equal("sent", (await session.LoadAsync<ReplyDispatch>(stale.Id))!.Outcome);
    }

    [Fact]
    public async Task A_reply_whose_conversation_another_writer_moved_on_while_it_was_sent_is_recorded_once_after_that_write()
    {
        // The outcome is appended at the version this process last saw, without reading the stream: a write it did not
        // see (another instance, an alert's record) must make it read and append after that write, not lose the outcome.
        var chat = Updates.NewChat();
        platform.TelegramApi.Throttle(chat); // the first send is refused with a 429 and retried a second later
        var refusedBefore = platform.TelegramApi.TooManyRequestsAnswered;
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "horari"));
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.TooManyRequestsAnswered), n => n > refusedBefore, TimeSpan.FromSeconds(20), "the first send refused");

        var key = platform.ConversationKey("telegram", MessagingAccounts.Bot, chat.ToString());
        await using (var other = platform.Messaging.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant))
        {
            other.Events.Append(key, new DeliveryStatusChanged("elsewhere-1", Channels.DeliveryStatus.Delivered, platform.Clock.GetUtcNow()));
            await other.SaveChangesAsync();
        }

        var events = await Eventually.Until(() => platform.TelegramEventsAsync(chat), e => e.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the outcome recorded");
        Assert.Single(events.OfType<ReplySent>());
        Assert.Single(events.OfType<DeliveryStatusChanged>());
        Assert.Single(platform.TelegramApi.To(chat));
        await using var session = platform.Query();
        var stored = await session.Events.FetchStreamAsync(key);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.Version));
    }

    [Fact]
    public async Task A_reply_already_recorded_as_sent_is_not_sent_again_and_the_next_one_goes()
    {
        var chat = Updates.NewChat();
        var done = new ReplyDispatch { Id = Guid.NewGuid(), StreamKey = "x", ClaimedAt = platform.Clock.GetUtcNow(), Outcome = "sent", DoneAt = platform.Clock.GetUtcNow() };
        await QueueAsync(chat, ("Ja enviada", done), ("La següent", null));

        // The subscription takes them in order: once the second has gone, the first was looked at and skipped.
        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the second reply");
        Assert.Equal("La següent", Assert.Single(sent).Text);
    }
}
