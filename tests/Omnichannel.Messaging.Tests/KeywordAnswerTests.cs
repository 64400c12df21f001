using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>Keywords 24/7 through the channels' real wire formats: a message in through the webhook, the answer out
/// through the provider's send API (the fakes on loopback).</summary>
[Collection(Collections.Webhooks)]
public sealed class KeywordAnswerTests(MessagingPlatform platform)
{
    private async Task<IReadOnlyList<FakeTelegramBotApi.Sent>> TelegramAnswersAsync(long chat, int count = 1) =>
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count >= count, TimeSpan.FromSeconds(20), "the bot's answer");

    private async Task<string> AskTelegramAsync(string text, string language = "ca", long? chat = null)
    {
        var id = chat ?? Updates.NewChat();
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), id, text, language))).StatusCode);
        return (await TelegramAnswersAsync(id))[^1].Text;
    }

    [Fact]
    public async Task A_keyword_typed_loosely_is_answered_through_the_bot_api()
    {
        var answer = await AskTelegramAsync("  horÀri ", "ca");
        Assert.StartsWith("L'Oficina d'Atenció Ciutadana", answer);
    }

    [Fact]
    public async Task The_keyword_list_comes_in_the_language_it_was_asked_in()
    {
        Assert.StartsWith("Palabras clave", await AskTelegramAsync("PALABRAS CLAVE", "ca"));
        Assert.StartsWith("Paraules clau", await AskTelegramAsync("paraules clau", "es"));
        Assert.StartsWith("Keywords", await AskTelegramAsync("KEYWORDS", "ca"));
    }

    [Fact]
    public async Task A_redelivered_update_is_answered_once()
    {
        var chat = Updates.NewChat();
        var update = Updates.Text(Updates.NewUpdateId(), chat, "horario", "es");
        await platform.PostTelegramAsync(update);
        await platform.PostTelegramAsync(update);
        await TelegramAnswersAsync(chat);
        // The reply is recorded as sent only after the fake answered; by then a second send would have been made too.
        await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<ReplySent>().Count(), n => n >= 1, TimeSpan.FromSeconds(20), "the reply recorded");
        Assert.Single(platform.TelegramApi.To(chat));
    }

    [Fact]
    public async Task Keyword_and_the_citizens_appointment_code_give_its_status_and_another_citizens_code_reveals_nothing()
    {
        var chat = Updates.NewChat();
        var anna = await platform.RegisterCitizenAsync("es", telegramChatId: chat);
        var code = await BookAsync(anna);

        var mine = await AskTelegramAsync($"cita {code.ToLowerInvariant()}", chat: chat);
        Assert.StartsWith($"Cita {code}: confirmada.", mine);

        var other = await platform.RegisterCitizenAsync("es");
        var theirs = await BookAsync(other);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, $"CITA {theirs}"));
        var answer = (await TelegramAnswersAsync(chat, 2))[^1].Text;
        Assert.Equal("No encontramos nada con este código para ti. Revísalo y vuelve a probar.", answer);

        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "CITA C0000-00000"));
        Assert.Equal(answer, (await TelegramAnswersAsync(chat, 3))[^1].Text); // a code nobody has: the same words
    }

    [Fact]
    public async Task Keyword_and_a_tracking_code_give_the_cases_status()
    {
        var chat = Updates.NewChat();
        var anna = await platform.RegisterCitizenAsync("ca", telegramChatId: chat);
        using var client = platform.Procedures.Client(platform.Tokens.ChannelApp());
        var submitted = await client.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "online", citizenId = anna });
        submitted.EnsureSuccessStatusCode();
        var tracking = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;

        var answer = await AskTelegramAsync($"Tràmit {tracking}", chat: chat);
        Assert.StartsWith($"Tràmit {tracking} (", answer);
        Assert.Contains("rebut", answer);
    }

    [Fact]
    public async Task A_429_is_waited_out_and_the_answer_still_arrives_once()
    {
        var chat = Updates.NewChat();
        platform.TelegramApi.Throttle(chat);
        var before = platform.TelegramApi.TooManyRequestsAnswered;
        Assert.StartsWith("The Citizen Service Office", await AskTelegramAsync("hours", "en", chat));
        Assert.True(platform.TelegramApi.TooManyRequestsAnswered > before);
        Assert.Single(platform.TelegramApi.To(chat));
    }

    [Fact]
    public async Task A_citizen_who_blocked_the_bot_is_marked_blocked_when_a_send_is_refused()
    {
        var chat = Updates.NewChat();
        platform.TelegramApi.Block(chat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "horari"));
        var failed = await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<ReplyFailed>().ToList(), f => f.Count == 1, TimeSpan.FromSeconds(20), "the refusal recorded");
        Assert.Equal("blocked", failed[0].Reason);
        Assert.True((await platform.TelegramConversationAsync(chat))!.Blocked);
    }

    [Fact]
    public async Task A_whatsapp_keyword_is_answered_through_the_graph_messages_endpoint_from_the_number_written_to()
    {
        var waId = Notifications.NewWaId();
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "Horario"));
        var sent = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count == 1, TimeSpan.FromSeconds(20), "the WhatsApp answer");
        Assert.Equal(MessagingAccounts.PhoneNumberId, sent[0].PhoneNumberId);
        Assert.StartsWith("La Oficina de Atención Ciudadana", sent[0].Text);
        var recorded = await Eventually.Until(async () => (await platform.WhatsAppEventsAsync(waId)).OfType<ReplySent>().ToList(), r => r.Count == 1, TimeSpan.FromSeconds(20), "the reply recorded");
        Assert.Equal(sent[0].MessageId, recorded[0].ProviderMessageId);
    }

    private sealed record Slot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
    private sealed record Slots(string ProcedureCode, int SlotMinutes, List<Slot> slots);

    private async Task<string> BookAsync(Guid citizen)
    {
        using var client = platform.Appointments.Client(platform.Tokens.ChannelApp());
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var slots = await Eventually.Until(
            async () => (await client.GetFromJsonAsync<Slots>($"/api/appointments/slots?procedureCode=census-registration&officeId=connecta-space&from={from}"))!.slots,
            s => s.Count > 0, TimeSpan.FromSeconds(30), "free slots");
        var slot = slots[Random.Shared.Next(slots.Count)];
        var booked = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "telegram" });
        booked.EnsureSuccessStatusCode();
        return (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }
}
