using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Receiving;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>Webhooks of different chats that arrive together are stored in one transaction (group commit), and each
/// still meets exactly the outcome it would have met alone.</summary>
[Collection(Collections.Webhooks)]
public sealed class GroupCommitTests(MessagingPlatform platform)
{
    [Fact]
    public async Task Updates_saved_together_each_meet_their_own_outcome_and_a_duplicate_mark_fails_only_its_own()
    {
        var store = platform.Messaging.Services.GetRequiredService<IDocumentStore>();
        var commits = platform.Messaging.Services.GetRequiredService<GroupCommit>();
        var stored = $"test:{Guid.NewGuid():N}";
        await using (var first = store.LightweightSession(Tokens.Tenant))
        {
            first.Insert(new ProcessedMessage { Id = stored, ProcessedAt = DateTimeOffset.UtcNow });
            await first.SaveChangesAsync();
        }

        var fresh = Enumerable.Range(0, 12).Select(_ => $"test:{Guid.NewGuid():N}").ToList();
        var sessions = fresh.Take(6).Append(stored).Concat(fresh.Skip(6)).Select(mark =>
        {
            var session = store.LightweightSession(Tokens.Tenant);
            session.Insert(new ProcessedMessage { Id = mark, ProcessedAt = DateTimeOffset.UtcNow });
            return (Mark: mark, Session: session);
        }).ToList();
        // Handed over at the same instant: they queue for the same commit.
        var saves = sessions.Select(s => commits.SaveAsync(s.Session)).ToList();
        var outcomes = await Task.WhenAll(saves.Select(async save =>
        {
            try { await save; return null; }
            catch (Exception e) { return e; }
        }));
        foreach (var pair in sessions) await pair.Session.DisposeAsync();

        Assert.True(Duplicates.IsDuplicateMark(outcomes[6]!), $"the redelivered mark's own save fails as a duplicate, not {outcomes[6]}");
        Assert.All(outcomes.Where((_, i) => i != 6), Assert.Null);
        await using var query = store.QuerySession(Tokens.Tenant);
        foreach (var mark in fresh) Assert.NotNull(await query.LoadAsync<ProcessedMessage>(mark));
    }

    [Fact]
    public async Task Many_chats_writing_at_once_with_a_redelivery_among_them_are_each_stored_once_and_answered_once()
    {
        var chats = Enumerable.Range(0, 20).Select(_ => Updates.NewChat()).ToList();
        var redelivered = Updates.Text(Updates.NewUpdateId(), chats[0], "horari");
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(redelivered)).StatusCode);

        var responses = await Task.WhenAll(chats.Select(chat => platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "horari")))
            .Append(platform.PostTelegramAsync(redelivered)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var chat in chats)
        {
            var expected = chat == chats[0] ? 2 : 1;
            Assert.Equal(expected, (await platform.TelegramEventsAsync(chat)).OfType<MessageReceived>().Count());
            await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat).Count), n => n >= expected, TimeSpan.FromSeconds(20), "the answers");
            await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<ReplySent>().Count(), n => n >= expected, TimeSpan.FromSeconds(20), "the replies recorded");
            Assert.Equal(expected, platform.TelegramApi.To(chat).Count);
        }
    }
}
