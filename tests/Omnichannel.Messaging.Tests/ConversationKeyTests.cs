using System.Net;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>A conversation's stream key is a keyed pseudonym of its chat: it names no chat, the same chat always finds
/// its conversation, conversations stored under the chat id move to it at start-up, and retention past its period
/// leaves the chat id nowhere in the database.</summary>
[Collection(Collections.Webhooks)]
public sealed class ConversationKeyTests(MessagingPlatform platform)
{
    [Fact]
    public async Task A_new_conversation_is_keyed_without_its_chat_id_and_the_same_chat_finds_it_again()
    {
        var chat = Updates.NewChat();
        foreach (var text in new[] { "Bon dia", "Quin horari feu?" })
            Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, text))).StatusCode);

        var streams = await StreamsStartedByAsync(chat.ToString());
        var key = Assert.Single(streams);
        Assert.DoesNotContain(chat.ToString(), key);
        Assert.StartsWith($"conversation:telegram:{MessagingAccounts.Bot}:ps-", key);
        Assert.Equal(2, (await platform.TelegramEventsAsync(chat)).OfType<MessageReceived>().Count());
        Assert.Empty(await StreamIdsHoldingAsync(chat.ToString()));
    }

    [Fact]
    public async Task A_conversation_stored_under_its_chat_id_moves_to_its_pseudonym_with_every_copy_and_still_receives_messages()
    {
        var chat = Updates.NewChat().ToString();
        var legacy = ConversationKeys.Legacy("telegram", MessagingAccounts.Bot, chat);
        var topic = "obres-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        await using (var session = platform.Messaging.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant))
        {
            session.Events.StartStream(legacy,
                new ConversationStarted("telegram", MessagingAccounts.Bot, chat, "ca", null, at),
                new MessageReceived(Guid.NewGuid().ToString("N"), MessageKind.Text, "ALTA " + topic, null, null, null, at),
                new TopicJoined(topic, "telegram", MessagingAccounts.Bot, chat, "ca", at));
            await session.SaveChangesAsync();
        }
        Assert.NotEmpty(await TablesHoldingAsync(legacy));

        var migration = platform.Messaging.Services.GetRequiredService<ConversationKeyMigration>();
        var (moved, left) = await migration.MigrateAsync(CancellationToken.None);
        Assert.True(moved >= 1);
        Assert.Equal(0, left);

        // Nothing is left under the old key: not the events, not the view, not the list's membership.
        Assert.Empty(await TablesHoldingAsync(legacy));
        await using (var query = platform.Query())
        {
            Assert.Empty(await query.Events.FetchStreamAsync(legacy));
            var view = await platform.TelegramConversationAsync(long.Parse(chat));
            Assert.NotNull(view);
            Assert.Equal(1, view.MessagesIn);
            var member = Assert.Single(await query.Query<TopicSubscriber>().Where(s => s.Topic == topic).ToListAsync());
            Assert.Equal(platform.ConversationKey("telegram", MessagingAccounts.Bot, chat), member.Conversation);
        }

        // The chat writes again: the same conversation, not a second one.
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), long.Parse(chat), "Bon dia"))).StatusCode);
        var events = await platform.TelegramEventsAsync(long.Parse(chat));
        Assert.Single(events.OfType<ConversationStarted>());
        Assert.Equal(2, events.OfType<MessageReceived>().Count());
        Assert.Equal([platform.ConversationKey("telegram", MessagingAccounts.Bot, chat)], await StreamsStartedByAsync(chat));

        // A second start finds nothing left to move.
        Assert.Equal((0, 0), await migration.MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Retention_past_its_period_leaves_the_chat_id_nowhere_in_the_database()
    {
        var chat = Updates.NewChat();
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Bon dia, quin horari feu?"))).StatusCode);
        await Eventually.Until(() => platform.TelegramEventsAsync(chat), events => events.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the bot's answer sent");
        Assert.NotEmpty(await EverywhereHoldingAsync(chat));

        var services = platform.Messaging.Services;
        var configuration = new ConfigurationBuilder().AddConfiguration(services.GetRequiredService<IConfiguration>())
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"PersonalData:Retention:{Tokens.Tenant}:conversation"] = "365" }).Build();
        var retention = new Retention(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<ServiceSetup>(),
            new RetentionPolicy(configuration), new ShiftedClock { Offset = TimeSpan.FromDays(400) }, configuration);
        var key = platform.ConversationKey("telegram", MessagingAccounts.Bot, chat.ToString());
        Assert.Contains(key, (await retention.RunAsync(dryRun: false, CancellationToken.None)).Items.Select(i => i.Stream));

        Assert.Empty(await EverywhereHoldingAsync(chat));
        // The events stay, under the same key.
        Assert.NotEmpty(await platform.TelegramEventsAsync(chat));
    }

    private NpgsqlConnection Connection() =>
        new(platform.Messaging.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));

    /// <summary>The streams whose conversation started with this chat.</summary>
    private async Task<List<string>> StreamsStartedByAsync(string chat)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select distinct stream_id from messaging.mt_events where type = 'conversation_started' and data ->> 'ChatId' = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chat });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) streams.Add(reader.GetString(0));
        return streams;
    }

    private async Task<List<string>> StreamIdsHoldingAsync(string chat)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from messaging.mt_streams where id ~ $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"(?<![0-9]){chat}(?![0-9])" });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Every messaging table and column holding the text (the old key, whole).</summary>
    private async Task<List<string>> TablesHoldingAsync(string text) =>
        await HoldingAsync("c.table_schema = 'messaging'", "position($1 in \"{0}\"::text) > 0", text);

    /// <summary>Every table and column of every schema holding the chat id as a whole number (not inside a longer one).</summary>
    private async Task<List<string>> EverywhereHoldingAsync(long chat) =>
        await HoldingAsync("c.table_schema not in ('pg_catalog', 'information_schema')", "\"{0}\"::text ~ $1", $"(?<![0-9]){chat}(?![0-9])");

    private async Task<List<string>> HoldingAsync(string schemas, string condition, string value)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand($"""
            select c.table_schema, c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where {schemas} and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'character')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        var found = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var command = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{table}\" where {string.Format(condition, column)}", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            if ((long)(await command.ExecuteScalarAsync())! > 0) found.Add($"{schema}.{table}.{column}");
        }
        return found;
    }
}
