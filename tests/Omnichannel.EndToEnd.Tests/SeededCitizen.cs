using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// A citizen with a record in every service that holds citizens' data, through the gateway as the channels make them:
/// identities (phone, e-mail, Telegram chat) and changed preferences (citizens), a case (procedures), an incident with a
/// location (incidents), a kiosk session (kiosks) in which they take a ticket (queues), an appointment (appointments),
/// and a Telegram conversation (messaging); the history has a line of each. A second Telegram chat wrote
/// before the citizen was known and was linked to them as an identity afterwards: its conversation never names them. One seeding for the data-rights
/// tests (the access export, erasure, the access log), so each proves its right on the same records.
/// </summary>
public sealed record SeededCitizen(
    Guid CitizenId, string Name, string Phone, string Email, long TelegramChat, string Summary, string Description,
    string Address, string ChatText, string TrackingCode, string IncidentCode, Guid IncidentId, Guid AppointmentId,
    string AppointmentCode, string TicketNumber, Guid KioskSessionId, long HistoryTotal, long EarlyChat, string EarlyChatText)
{
    public const string Office = "connecta-space"; // the demo office every service knows

    /// <summary>Personal values only this citizen's records hold (each unique to the run), to look for in every table: the
    /// chat ids too, which a conversation's stream key is made of.</summary>
    public IReadOnlyList<string> PersonalValues => [Name, Phone, Email, Summary, Description, Address, ChatText, EarlyChatText,
        TelegramChat.ToString(), EarlyChat.ToString()];

    /// <summary>Seeds the citizen. Moves the platform's queues clock into the office's opening hours (walk-in tickets
    /// are issued only then).</summary>
    public static async Task<SeededCitizen> SeedAsync(Platform platform, string language = "ca")
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var name = $"Erasmina Puig {unique}";
        var phone = $"+3467{Random.Shared.Next(1000000, 9999999)}";
        var email = $"erasmina.{unique}@example.cat";
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var summary = $"Vull el certificat per a la beca {unique}";
        var description = $"La vorera davant de casa meva està trencada {unique}";
        var address = $"Carrer de la Riera {Random.Shared.Next(100, 999)}, {unique}";
        var chatText = $"Bon dia, soc l'Erasmina i visc a la Riera {unique}";
        var earlyChat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var earlyChatText = $"Hola, pregunto abans de donar-me d'alta {unique}";
        var app = platform.AsChannelApp();
        await WriteOnTelegramAsync(platform, earlyChat, earlyChatText);

        var registered = await app.PostAsJsonAsync("/api/citizens",
            new { displayName = name, preferredLanguage = language, channel = "phone", phone, email, telegramChatId = chat.ToString() });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var preferences = await app.PutAsJsonAsync($"/api/citizens/{citizen}/preferences", new { preferredLanguage = language, preferredChannel = "email", dealsElectronically = true });
        Assert.Equal(HttpStatusCode.NoContent, preferences.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsJsonAsync($"/api/citizens/{citizen}/identities", new { telegramChatId = earlyChat.ToString() })).StatusCode);

        var submitted = await app.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "kiosk", citizenId = citizen, summary });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var trackingCode = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var reported = await app.PostAsJsonAsync("/api/incidents", new
        {
            kind = "complaint", channel = "phone", citizenId = citizen, description,
            location = new { latitude = 41.54, longitude = 2.44, address },
        });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var incident = await reported.Content.ReadFromJsonAsync<JsonElement>();

        // At a kiosk of the office, while it is open: a session for the citizen, a ticket and an appointment taken in it.
        await Eventually.Until(async () => await platform.AsStaff().GetAsync($"/api/queues/offices/{Office}/board"), r => r.IsSuccessStatusCode, what: "queues to know the demo office");
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var open = await app.GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode=census-registration&officeId={Office}&from={from}");
        platform.QueuesClock.MoveTo(open.GetProperty("slots")[0].GetProperty("startsAt").GetDateTimeOffset().AddMinutes(1));
        var kiosk = await Eventually.Until(async () =>
        {
            var response = await platform.AsStaff().PostAsJsonAsync("/api/kiosks", new { officeId = Office, location = "Vestíbul", peripherals = new[] { "touchscreen", "printer" } });
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, e => e.ValueKind == JsonValueKind.Object, what: "the kiosks service to know the demo office");
        var kioskId = kiosk.GetProperty("kioskId").GetString()!;
        var signIn = await platform.Anonymous().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.GetProperty("credential").GetString() });
        signIn.EnsureSuccessStatusCode();
        using var device = platform.Anonymous();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var started = await device.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions", new { identification = "id-card", citizenId = citizen });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
        var taken = await device.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions/{session}/tickets", new { procedureCode = "census-certificate" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var ticket = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        var wipe = await (await device.PostAsync($"/api/kiosks/{kioskId}/sessions/{session}/end", null)).Content.ReadFromJsonAsync<JsonElement>();
        (await device.PostAsync(wipe.GetProperty("acknowledge").GetString(), null)).EnsureSuccessStatusCode();

        // An appointment booked for them (a free slot of a later day, away from the one the ticket was taken on).
        var free = open.GetProperty("slots").EnumerateArray().Where(x => x.GetProperty("free").GetInt32() > 0).ToList();
        var booked = await app.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = Office, procedureCode = "census-registration", startsAt = free[free.Count / 2].GetProperty("startsAt").GetDateTimeOffset(), channel = "online" });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var appointment = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var appointmentCode = appointment.GetProperty("code").GetString()!;

        // A Telegram chat from the chat id they registered: the conversation is linked to them.
        await WriteOnTelegramAsync(platform, chat, chatText);

        // Every line the seeding makes, the linked chat's included (it arrives last): counted only once all have arrived,
        // so a test comparing the total later does not see a line that was still on its way.
        string[] lines = ["case-submitted", "incident-reported", "kiosk-session", "ticket-issued", "appointment-booked", "chat-started"];
        var history = await Eventually.Until(() => app.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang={language}&pageSize=100"),
            h => lines.All(kind => h.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == kind)),
            TimeSpan.FromSeconds(60), "every line of the seeding in the citizen's history");

        return new SeededCitizen(citizen, name, phone, email, chat, summary, description, address, chatText, trackingCode,
            incident.GetProperty("code").GetString()!, incident.GetProperty("incidentId").GetGuid(),
            appointment.GetProperty("appointmentId").GetGuid(), appointmentCode, ticket, session,
            history.GetProperty("total").GetInt64(), earlyChat, earlyChatText);
    }

    /// <summary>A message from a private Telegram chat to the council's bot, as Telegram posts it, answered by the bot.</summary>
    private static async Task WriteOnTelegramAsync(Platform platform, long chat, string text)
    {
        using var telegram = platform.Anonymous();
        var update = "{\"update_id\":" + Random.Shared.Next(1, int.MaxValue) + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + chat
            + ",\"is_bot\":false,\"first_name\":\"Erasmina\",\"language_code\":\"ca\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"date\":1764400000,\"text\":\"" + text + "\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/webhooks/telegram/{MessagingAccounts.Bot}")
        {
            Content = new StringContent(update, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", platform.MessagingAccounts.WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, (await telegram.SendAsync(request)).StatusCode);
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count > 0, TimeSpan.FromSeconds(30), "the bot's answer to the chat");
    }
}
