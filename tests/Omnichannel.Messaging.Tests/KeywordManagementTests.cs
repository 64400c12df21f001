using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Messaging.KeywordManagement;
using Omnichannel.Messaging.Keywords;
using Omnichannel.Messaging.Statistics;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>Staff manage the council's keywords through the service's routes (If-Match on the set's revision) and
/// preview what a message would answer; and read the usage statistics.</summary>
[Collection(Collections.Webhooks)]
public sealed class KeywordManagementTests(MessagingPlatform platform)
{
    private static object Keyword(string code, string ca, string es, string en) => new
    {
        code,
        terms = new { ca = new[] { ca }, es = new[] { es }, en = new[] { en } },
        answer = new { ca = $"Resposta {code}", es = $"Respuesta {code}", en = $"Answer {code}" },
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, long? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return await client.SendAsync(request);
    }

    private async Task<long> RevisionAsync(HttpClient staff) =>
        await Eventually.Until(async () => (await staff.GetFromJsonAsync<KeywordList>("/api/messaging/keywords"))!, l => l.Keywords.Count > 0, TimeSpan.FromSeconds(20), "the demo keywords") is var list
            ? list.Revision : 0;

    [Fact]
    public async Task Staff_add_change_and_delete_a_keyword_and_the_next_message_gets_the_new_answer()
    {
        using var staff = platform.Messaging.Client(platform.Tokens.Staff());
        var revision = await RevisionAsync(staff);

        var created = await SendAsync(staff, HttpMethod.Post, "/api/messaging/keywords", Keyword("deixalleria", "deixalleria", "punto limpio", "recycling centre"), revision);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var afterCreate = (await created.Content.ReadFromJsonAsync<KeywordList>())!.Revision;
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(staff, HttpMethod.Put, "/api/messaging/keywords/deixalleria", Keyword("deixalleria", "deixalleria", "punto limpio", "recycling"), revision)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(staff, HttpMethod.Post, "/api/messaging/keywords", Keyword("altra", "Horari", "x-es", "x-en"), null)).StatusCode);
        var invalid = await SendAsync(staff, HttpMethod.Post, "/api/messaging/keywords", new { code = "Mal Codi", terms = new { ca = new[] { "x" } }, answer = new { ca = "a" } }, null);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var preview = await staff.PostAsJsonAsync("/api/messaging/keywords/preview", new { message = "  Punto LIMPIO " });
        var previewed = (await preview.Content.ReadFromJsonAsync<PreviewReply>())!;
        Assert.Equal(("keyword", "deixalleria", "es", "Respuesta deixalleria"), (previewed.Intent, previewed.Keyword, previewed.Language, previewed.Answer));
        var person = (await (await staff.PostAsJsonAsync("/api/messaging/keywords/preview", new { message = "operator" })).Content.ReadFromJsonAsync<PreviewReply>())!;
        Assert.Equal("operator", person.Intent);

        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "deixalleria"));
        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count == 1, TimeSpan.FromSeconds(20), "the new keyword's answer");
        Assert.Equal("Resposta deixalleria", sent[0].Text);

        var changed = await SendAsync(staff, HttpMethod.Put, "/api/messaging/keywords/deixalleria", Keyword("deixalleria", "deixalleria", "punto limpio", "recycling"), afterCreate);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var deleted = await SendAsync(staff, HttpMethod.Delete, "/api/messaging/keywords/deixalleria", null, (await changed.Content.ReadFromJsonAsync<KeywordList>())!.Revision);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain((await deleted.Content.ReadFromJsonAsync<KeywordList>())!.Keywords, k => k.Code == "deixalleria");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(staff, HttpMethod.Delete, "/api/messaging/keywords/deixalleria", null, null)).StatusCode);
    }

    [Fact]
    public async Task Keywords_and_statistics_are_for_staff_only()
    {
        using var app = platform.Messaging.Client(platform.Tokens.ChannelApp());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/messaging/keywords")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/messaging/statistics?from=2026-01-01&to=2026-01-31")).StatusCode);
    }

    [Fact]
    public async Task The_statistics_count_messages_per_day_channel_and_keyword_and_refuse_a_bad_period()
    {
        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "horari"));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "PARAULES CLAU"));
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count == 2, TimeSpan.FromSeconds(20), "both answers");

        using var staff = platform.Messaging.Client(platform.Tokens.Staff());
        var today = UsageCounting.Day(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");
        var report = (await staff.GetFromJsonAsync<UsageReport>($"/api/messaging/statistics?from={today}&to={today}"))!;
        var telegram = Assert.Single(report.Days, d => d.Channel == "telegram");
        Assert.True(telegram.MessagesIn >= 2 && telegram.MessagesOut >= 2);
        Assert.Contains(report.Keywords, k => k.Keyword == "horari" && k.Answers >= 1);

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/messaging/statistics?from=2026-01-31&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/messaging/statistics?from=2026-01-01&to=2026-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/messaging/statistics?from=yesterday&to=2026-01-01")).StatusCode);
    }

    [Fact]
    public void Hand_over_waits_and_first_answers_are_counted_as_percentiles_and_unanswered_replies_per_day()
    {
        var at = new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var report = UsageCounting.Count(new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 14),
        [
            ("whatsapp", new Conversations.MessageReceived("1", Channels.MessageKind.Text, "hola", null, null, null, at)),
            ("whatsapp", new Conversations.ReplyQueued(id, "whatsapp", "mataro", "1", "…", Conversations.ReplyReasons.Unanswered, null, at)),
            ("whatsapp", new Operators.HandoverClaimed(id, "ana", TimeSpan.FromMinutes(2), at)),
            ("whatsapp", new Operators.OperatorReplied(id, id, "ana", TimeSpan.FromMinutes(5), at)),
            ("whatsapp", new Conversations.ChatBlocked(at)),
        ]);
        Assert.Equal(new DayUsage(new DateOnly(2026, 12, 14), "whatsapp", 1, 1, 1), Assert.Single(report.Days));
        Assert.Equal((120.0, 300.0), (report.Handovers.WaitP50Seconds!.Value, report.Handovers.FirstAnswerP50Seconds!.Value));
        Assert.Equal(1, report.OptOuts);
    }
}
