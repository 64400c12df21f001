using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Starting;
using Omnichannel.Messaging.DemoData;
using Omnichannel.Messaging.KeywordManagement;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>A conversation's stream key is a pseudonym of its chat, which the platform's secret recomputes from the chat id:
/// erasing the citizen moves their conversation to a random key, with every copy of the old key, and leaves alone a chat
/// whose id merely begins with theirs, and the council's keywords whose words they typed.</summary>
[Collection(Collections.Clock)]
public sealed class ConversationErasureTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task An_erasure_leaves_no_readable_chat_id_of_the_citizen_in_the_service_and_another_chat_beginning_with_it_untouched()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        var longer = chat * 10 + 7; // someone else's chat, whose id begins with theirs
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat);
        foreach (var c in new[] { chat, longer })
        {
            Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), c, "Bon dia, quin horari feu?"))).StatusCode);
            // The answer recorded as sent: the conversation's last event (counted next).
            await Eventually.Until(() => platform.TelegramEventsAsync(c), events => events.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the bot's answer sent");
        }
        var theirs = (await platform.TelegramEventsAsync(chat)).Count;
        var theirEvents = await EventIdsAsync(platform.ConversationKey("telegram", MessagingAccounts.Bot, chat.ToString()));
        var others = (await platform.TelegramEventsAsync(longer)).Count;
        Assert.True(theirs > 0 && others > 0);
        Assert.NotEmpty(await HoldingAsync(chat));

        // As the request carries it: the chat as one of their identities, digested (the conversation may have started
        // before messaging heard of the link, naming no citizen).
        string[] digests = [IdentityDigest.Of(ConversationOpening.DirectoryKind("telegram"), ConversationOpening.DirectoryValue("telegram", chat.ToString()))];
        var erasure = platform.Messaging.Services.GetRequiredService<CitizenErasure>();
        await erasure.EraseAsync(Tokens.Tenant, citizen, CancellationToken.None, digests);

        Assert.Empty(await HoldingAsync(chat));
        Assert.Empty(await platform.TelegramEventsAsync(chat));
        Assert.Null(await platform.TelegramConversationAsync(chat));
        // Their events stay (statistics count them), under a key that names no chat.
        var erased = await StreamsOfAsync(theirEvents);
        var (key, count) = Assert.Single(erased);
        Assert.StartsWith($"conversation:telegram:{MessagingAccounts.Bot}:{ConversationKeyErasure.ErasedPrefix}", key);
        Assert.Equal(theirs, count);
        // The other chat keeps its key, its events and its view.
        Assert.Equal(others, (await platform.TelegramEventsAsync(longer)).Count);
        Assert.NotNull(await platform.TelegramConversationAsync(longer));

        // Erasing again moves nothing again.
        await erasure.EraseAsync(Tokens.Tenant, citizen, CancellationToken.None, digests);
        Assert.Equal(erased, await StreamsOfAsync(theirEvents));
    }

    [Fact]
    public async Task Erasing_a_citizen_who_typed_a_keyword_leaves_the_councils_keywords_as_staff_wrote_them()
    {
        var chat = Updates.NewChat();
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat);
        // Typed alone, the keyword's word is a personal value of their message, and the very string of the keyword's
        // code, first word and a button's target in the council's set.
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "horari"))).StatusCode);
        await Eventually.Until(() => platform.TelegramEventsAsync(chat), events => events.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the bot's answer sent");

        string[] digests = [IdentityDigest.Of(ConversationOpening.DirectoryKind("telegram"), ConversationOpening.DirectoryValue("telegram", chat.ToString()))];
        await platform.Messaging.Services.GetRequiredService<CitizenErasure>().EraseAsync(Tokens.Tenant, citizen, CancellationToken.None, digests);
        Assert.Empty(await HoldingAsync(chat));

        using var staff = platform.Messaging.Client(platform.Tokens.Staff());
        var demo = (await DemoKeywords.ReadAsync()).Keywords.Single(k => k.Code == "horari");
        var kept = Assert.Single((await staff.GetFromJsonAsync<KeywordList>("/api/messaging/keywords"))!.Keywords, k => k.Code == "horari");
        Assert.Equal(JsonSerializer.Serialize(demo), JsonSerializer.Serialize(kept));

        // What staff may save and what the bot answers agree: a button may send the keyword, and it is still answered.
        var code = $"e{Guid.NewGuid():N}"[..12];
        var saved = await staff.PostAsJsonAsync("/api/messaging/keywords", new
        {
            code, terms = new { ca = new[] { code } }, answer = new { ca = "a", es = "a", en = "a" },
            buttons = new[] { new { label = new { ca = "Horari", es = "Horario", en = "Hours" }, keyword = "horari" } },
        });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var another = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), another, "horari"));
        var answer = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(another)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the keyword's answer");
        Assert.StartsWith("L'Oficina d'Atenció Ciutadana", answer[0].Text);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/messaging/keywords/{code}");
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{(await saved.Content.ReadFromJsonAsync<KeywordList>())!.Revision}\""));
        Assert.Equal(HttpStatusCode.OK, (await staff.SendAsync(delete)).StatusCode);
    }

    private NpgsqlConnection Connection() =>
        new(platform.Messaging.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));

    /// <summary>Every messaging table and column holding the chat id as a whole number (not inside a longer one).</summary>
    private async Task<List<string>> HoldingAsync(long chat)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            select c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema = 'messaging' and c.data_type in ('text', 'character varying', 'jsonb', 'json')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = new NpgsqlCommand($"select count(*) from messaging.\"{table}\" where \"{column}\"::text ~ $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = $"(?<![0-9]){chat}(?![0-9])" });
            if ((long)(await command.ExecuteScalarAsync())! > 0) found.Add($"{table}.{column}");
        }
        return found;
    }

    private async Task<Guid[]> EventIdsAsync(string streamKey)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from messaging.mt_events where stream_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamKey });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    /// <summary>The streams these events are in now, with how many of them each holds.</summary>
    private async Task<Dictionary<string, long>> StreamsOfAsync(Guid[] events)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select stream_id, count(*) from messaging.mt_events where id = any($1) group by stream_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = events });
        var streams = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) streams[reader.GetString(0)] = reader.GetInt64(1);
        return streams;
    }
}
