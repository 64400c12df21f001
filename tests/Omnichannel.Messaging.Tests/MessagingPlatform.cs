using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>
/// The messaging service with the neighbours it asks (citizens for identities, procedures for cases, appointments for
/// appointments, incidents for incidents, demo data loaded) on real PostgreSQL and RabbitMQ, and the fakes of the Telegram Bot API and the
/// WhatsApp Graph API it sends to, all over loopback.
/// </summary>
public sealed class MessagingPlatform : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public MessagingAccounts Accounts { get; } = new();
    public FakeTelegramBotApi TelegramApi { get; private set; } = null!;
    public FakeWhatsAppGraphApi WhatsAppApi { get; private set; } = null!;
    /// <summary>The council's mailbox "seu" on the real test mail server (smtp4dev).</summary>
    public TestMailbox Mail { get; private set; } = null!;
    /// <summary>The SMS provider (Twilio's wire format) and the council's account "mataro-sms" at it.</summary>
    public FakeSmsProvider SmsApi { get; private set; } = null!;
    public const string SmsAccount = "mataro-sms";
    /// <summary>The approved WhatsApp templates (configured for the app and approved at the fake).</summary>
    public const string AlertTemplate = "avis_municipal";
    public const string NoticeTemplate = "avis_tramit";
    /// <summary>Each chat channel's bulk limit in these tests (messages per second).</summary>
    public const int BroadcastPerSecond = 10;
    /// <summary>An e-mail's image may be this large here (10 MB in production): an oversized one stays small to send.</summary>
    public const int EmailMaxImageBytes = 256 * 1024;
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Appointments.Program> Appointments { get; private set; } = null!;
    public ServiceHost<Incidents.Program> Incidents { get; private set; } = null!;
    public ServiceHost<Program> Messaging { get; private set; } = null!;
    /// <summary>The messaging service's clock: the real one unless a test moves it (operator hours, the code throttle).</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>Puts the clock back at the real time and returns the platform: a test of <see cref="Collections.Clock"/>
    /// starts where a platform of its own would, whatever the collection's test before it moved the clock to.</summary>
    public MessagingPlatform AtTheRealTime()
    {
        Clock.Offset = TimeSpan.Zero;
        return this;
    }

    public async Task InitializeAsync()
    {
        var settings = await TestServers.NewPlatformSettingsAsync(Tokens);
        settings["DemoData:Enabled"] = "true";
        TelegramApi = new FakeTelegramBotApi(Accounts.BotToken);
        WhatsAppApi = new FakeWhatsAppGraphApi(Accounts.AccessToken);
        // Meta's 24-hour window, on the service's clock; the templates the council had approved.
        WhatsAppApi.EnforceWindow(() => Clock.GetUtcNow());
        WhatsAppApi.ApproveTemplate(AlertTemplate, "ca", "es", "en_US");
        WhatsAppApi.ApproveTemplate(NoticeTemplate, "ca", "es", "en_US");
        Procedures = new ServiceHost<Procedures.Program>(settings, withGrpc: true);
        Citizens = new ServiceHost<Citizens.Program>(settings, withGrpc: true);
        Appointments = new ServiceHost<Appointments.Program>(settings, withGrpc: true);
        Incidents = new ServiceHost<Incidents.Program>(settings, withGrpc: true);
        Messaging = new ServiceHost<Program>(settings, withGrpc: true).WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        foreach (var (key, value) in Accounts.Settings(TelegramApi.BaseUrl, WhatsAppApi.BaseUrl)) Messaging.With(key, value);
        foreach (var (purpose, template) in new[] { ("alert", AlertTemplate), ("campaign", AlertTemplate), ("notice", NoticeTemplate) })
        {
            Messaging.With($"Messaging:WhatsApp:Apps:{MessagingAccounts.App}:Templates:{purpose}:Name", template)
                .With($"Messaging:WhatsApp:Apps:{MessagingAccounts.App}:Templates:{purpose}:Languages:en", "en_US");
        }
        // Alerts at a pace a test can measure; the dispatcher is woken by each alert (no polling between tests).
        Messaging.With("Messaging:Broadcast:Limits:telegram:PerSecond", BroadcastPerSecond.ToString())
            .With("Messaging:Broadcast:Limits:whatsapp:PerSecond", BroadcastPerSecond.ToString())
            .With("Messaging:Broadcast:PollInterval", "01:00:00")
            .With("Messaging:Broadcast:PageSize", "8"); // several pages even for a few dozen members

        Mail = await TestMailServer.TakeMailboxAsync();
        foreach (var (key, value) in Mail.Settings(Tokens.Tenant)) Messaging.With(key, value);
        Messaging.With("Messaging:Email:Attachments:MaxImageBytes", EmailMaxImageBytes.ToString());
        SmsApi = new FakeSmsProvider("AC" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), Tokens.NewSecret());
        Messaging.With($"Messaging:Sms:Accounts:{SmsAccount}:Council", Tokens.Tenant)
            .With($"Messaging:Sms:Accounts:{SmsAccount}:ApiBaseUrl", SmsApi.BaseUrl)
            .With($"Messaging:Sms:Accounts:{SmsAccount}:AccountSid", SmsApi.AccountSid)
            .With($"Messaging:Sms:Accounts:{SmsAccount}:AuthToken", SmsApi.AuthToken)
            .With($"Messaging:Sms:Accounts:{SmsAccount}:From", "AjMataro")
            .With($"Messaging:Sms:Accounts:{SmsAccount}:StatusCallbackUrl", new Uri(Messaging.HttpAddress, $"/api/messaging/webhooks/sms/{SmsAccount}").ToString());
        PlatformWiring.IntroduceNeighbours(new Dictionary<string, IServiceHost>
        {
            ["procedures"] = Procedures, ["citizens"] = Citizens, ["appointments"] = Appointments, ["incidents"] = Incidents, ["messaging"] = Messaging,
        });
        Procedures.Start();
        Citizens.Start();
        Appointments.Start();
        Incidents.Start();
        Messaging.Start();
    }

    /// <summary>Posts a Telegram update to the bot's webhook as Telegram does (with the secret unless told otherwise).</summary>
    public async Task<HttpResponseMessage> PostTelegramAsync(string body, string? secret = "", string bot = MessagingAccounts.Bot)
    {
        using var client = Messaging.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/webhooks/telegram/{bot}")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret == "" ? Accounts.WebhookSecret : secret);
        return await client.SendAsync(request);
    }

    /// <summary>Posts a WhatsApp notification as Meta does, signed with the app secret unless another signature is given.</summary>
    public async Task<HttpResponseMessage> PostWhatsAppAsync(string body, string? signature = "")
    {
        using var client = Messaging.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/webhooks/whatsapp/{MessagingAccounts.App}")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        // Meta sends a message's webhook because the customer wrote: their 24-hour window opens now.
        foreach (var from in System.Text.RegularExpressions.Regex.Matches(body, "\"from\":\"(\\d+)\"").Select(m => m.Groups[1].Value))
            WhatsAppApi.CustomerWrote(from, Clock.GetUtcNow());
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature == "" ? Omnichannel.Messaging.Channels.Secrets.Sign(Encoding.UTF8.GetBytes(body), Accounts.AppSecret) : signature);
        return await client.SendAsync(request);
    }

    /// <summary>A conversation's stream key as the service makes it (a pseudonym of the chat, <see cref="ConversationKeys"/>).</summary>
    public string ConversationKey(string channel, string account, string chat) =>
        Messaging.Services.GetRequiredService<ConversationKeys>().For(channel, account, chat);

    public string WhatsAppKey(string waId) => ConversationKey("whatsapp", $"{MessagingAccounts.App}:{MessagingAccounts.PhoneNumberId}", waId);

    public async Task<IReadOnlyList<object>> WhatsAppEventsAsync(string waId)
    {
        await using var session = Query();
        return (await session.Events.FetchStreamAsync(WhatsAppKey(waId))).Select(e => e.Data).ToList();
    }

    /// <summary>Registers a citizen in the citizens service (as a channel app would) and returns the id.</summary>
    public async Task<Guid> RegisterCitizenAsync(string language, long? telegramChatId = null, string? whatsAppNumber = null, string? email = null, string? phone = null)
    {
        using var client = Citizens.Client(Tokens.ChannelApp());
        var response = await client.PostAsJsonAsync("/api/citizens", new
        {
            preferredLanguage = language, channel = "telegram", telegramChatId = telegramChatId?.ToString(), whatsAppNumber, email, phone,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Registered>())!.CitizenId;
    }

    public sealed record Registered(Guid CitizenId);

    public IQuerySession Query() => Messaging.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);

    public async Task<ConversationView?> TelegramConversationAsync(long chatId)
    {
        await using var session = Query();
        return await session.LoadAsync<ConversationView>(ConversationKey("telegram", MessagingAccounts.Bot, chatId.ToString()));
    }

    public async Task<ConversationView?> WhatsAppConversationAsync(string waId)
    {
        await using var session = Query();
        return await session.LoadAsync<ConversationView>(WhatsAppKey(waId));
    }

    public async Task<IReadOnlyList<object>> TelegramEventsAsync(long chatId)
    {
        await using var session = Query();
        var events = await session.Events.FetchStreamAsync(ConversationKey("telegram", MessagingAccounts.Bot, chatId.ToString()));
        return events.Select(e => e.Data).ToList();
    }

    public async Task DisposeAsync()
    {
        await Messaging.DisposeAsync();
        await Appointments.DisposeAsync();
        await Incidents.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
        await TelegramApi.DisposeAsync();
        await WhatsAppApi.DisposeAsync();
        await SmsApi.DisposeAsync();
    }
}

/// <summary>WhatsApp Cloud API notifications as Meta sends them.</summary>
public static class Notifications
{
    public static string NewWaId() => "346" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    public static string NewMessageId() => $"wamid.HBgL{Guid.NewGuid():N}";

    private static string Envelope(string value) =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"display_phone_number\":\"34687200100\",\"phone_number_id\":\"" + MessagingAccounts.PhoneNumberId + "\"}," + value + "},\"field\":\"messages\"}]}]}";

    public static string Text(string waId, string id, string text) => Envelope(
        "\"contacts\":[{\"profile\":{\"name\":\"Anna\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + id
        + "\",\"timestamp\":\"1764400000\",\"type\":\"text\",\"text\":{\"body\":" + System.Text.Json.JsonSerializer.Serialize(text) + "}}]");

    /// <summary>An image message: its media id is what the media URL retrieval takes.</summary>
    public static string Image(string waId, string id, string mediaId, string? caption = null) => Envelope(
        "\"contacts\":[{\"profile\":{\"name\":\"Anna\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + id
        + "\",\"timestamp\":\"1764400000\",\"type\":\"image\",\"image\":{\"mime_type\":\"image/png\",\"sha256\":\"x\",\"id\":\"" + mediaId + "\""
        + (caption is null ? "" : ",\"caption\":" + System.Text.Json.JsonSerializer.Serialize(caption)) + "}}]");

    public static string Status(string waId, string id, string status, long timestamp) => Envelope(
        "\"statuses\":[{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + timestamp + "\",\"recipient_id\":\"" + waId + "\"}]");
}

/// <summary>Telegram updates as the Bot API sends them.</summary>
public static class Updates
{
    private static long next = Random.Shared.NextInt64(1_000_000, 100_000_000);

    public static long NewUpdateId() => Interlocked.Increment(ref next);

    /// <summary>A new private chat id (each test its own citizen).</summary>
    public static long NewChat() => Random.Shared.NextInt64(100_000_000, 9_000_000_000);

    public static string Text(long updateId, long chat, string text, string language = "ca") =>
        "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId % 100000
        + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"" + language + "\"}"
        + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Anna\",\"type\":\"private\"},\"date\":1764400000,\"text\":"
        + System.Text.Json.JsonSerializer.Serialize(text) + "}}";

    /// <summary>A photo (the sizes Telegram sends, largest last) with a caption.</summary>
    public static string Photo(long updateId, long chat, string fileId, string? caption = null) =>
        "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId % 100000
        + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"ca\"}"
        + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Anna\",\"type\":\"private\"},\"date\":1764400000"
        + ",\"photo\":[{\"file_id\":\"" + fileId + "-small\",\"file_unique_id\":\"a\",\"width\":90,\"height\":60},{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"b\",\"width\":1280,\"height\":853}]"
        + (caption is null ? "" : ",\"caption\":" + System.Text.Json.JsonSerializer.Serialize(caption)) + "}}";

    public static string Blocked(long updateId, long chat) =>
        "{\"update_id\":" + updateId + ",\"my_chat_member\":{\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"from\":{\"id\":" + chat
        + ",\"is_bot\":false,\"first_name\":\"Anna\"},\"date\":1764400000,\"old_chat_member\":{\"status\":\"member\",\"user\":{\"id\":1,\"is_bot\":true,\"first_name\":\"CityMes\"}}"
        + ",\"new_chat_member\":{\"status\":\"kicked\",\"until_date\":0,\"user\":{\"id\":1,\"is_bot\":true,\"first_name\":\"CityMes\"}}}}";
}
