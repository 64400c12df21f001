using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Messaging.Media;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>A photo or file a citizen sends in a chat is fetched from the provider (Telegram getFile and the file URL,
/// WhatsApp's media URL and its download, against the fakes' wire format), judged by content, kept by hash, and operators
/// download it from the hand-over as they do an e-mail's attachments — saying why, in the access log.</summary>
[Collection(Collections.Clock)]
public sealed class ChatMediaDownloadTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    /// <summary>A Monday at 10:00 in Mataró: inside operator hours, so a photo goes to the operators' inbox.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 7];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0x43, 0xFF, 0xD9];
    private static readonly byte[] Program = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private HttpClient Operator(string council = Tokens.Tenant) =>
        platform.Messaging.Client(TokenIssuer.Issue(platform.Tokens.Settings, OmnichannelRoles.Staff, council, "staff-ana", TimeSpan.FromHours(1)));

    /// <summary>The hand-over once its citizen line shows the kept file.</summary>
    private async Task<JsonElement> TranscriptFileAsync(Guid handoverId)
    {
        using var staff = Operator();
        return await Eventually.Until(async () =>
        {
            var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/messaging/operators/handovers/{handoverId}?reason=citizen-request");
            return detail.GetProperty("transcript").EnumerateArray().Where(l => l.GetProperty("from").GetString() == "citizen")
                .SelectMany(l => l.GetProperty("attachments").EnumerateArray()).FirstOrDefault();
        }, file => file.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the chat file among the transcript's attachments");
    }

    private async Task DownloadsAsStaffWithAReasonOnlyAndOnlyInItsCouncilAsync(Guid handoverId, byte[] content, string contentType)
    {
        var file = await TranscriptFileAsync(handoverId);
        Assert.Equal((Sha(content), contentType, (long)content.Length),
            (file.GetProperty("sha256").GetString(), file.GetProperty("contentType").GetString(), file.GetProperty("size").GetInt64()));
        var path = $"/api/messaging/operators/handovers/{handoverId}/attachments/{Sha(content)}";

        using var staff = Operator();
        var download = await staff.GetAsync(path + "?reason=citizen-request");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(contentType, download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(file.GetProperty("fileName").GetString(), download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);

        var unexplained = await staff.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.True((await unexplained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));

        using var elsewhere = Operator("el-prat");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(path + "?reason=citizen-request")).StatusCode);
    }

    [Fact]
    public async Task An_operator_downloads_a_telegram_photo_with_a_reason_not_without_one_nor_from_another_council()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat);
        var fileId = $"AgACAgQ-{Guid.NewGuid():N}";
        platform.TelegramApi.AddFile(fileId, Png);
        await platform.PostTelegramAsync(Updates.Photo(Updates.NewUpdateId(), chat, fileId, "El fanal del carrer"));
        var handedOver = await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<HandedOver>().SingleOrDefault(),
            h => h is not null, TimeSpan.FromSeconds(20), "the photo handed over");
        Assert.Equal("media", handedOver!.Reason);

        await DownloadsAsStaffWithAReasonOnlyAndOnlyInItsCouncilAsync(handedOver.HandoverId, Png, "image/png");
        var kept = Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<ChatMediaStored>());
        Assert.StartsWith("telegram-foto-", kept.Attachment.FileName);
        Assert.EndsWith(".png", kept.Attachment.FileName);

        // The known citizen's file opened by staff is in the access log, with its reason.
        using var officer = platform.Messaging.Client(platform.Tokens.DataProtectionOfficer());
        var log = await officer.GetFromJsonAsync<JsonElement>($"/api/messaging/access-log?citizenId={citizen}");
        Assert.True(log.GetProperty("intact").GetBoolean());
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("what").GetString() == "conversation-file");
        Assert.Equal(("staff-ana", "citizen-request"), (entry.GetProperty("who").GetString(), entry.GetProperty("why").GetString()));
    }

    [Fact]
    public async Task An_operator_downloads_a_whatsapp_image_fetched_through_its_media_url()
    {
        platform.Clock.MoveTo(MondayMorning);
        var waId = Notifications.NewWaId();
        var mediaId = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Meta's declared type is not looked at: the bytes say JPEG.
        platform.WhatsAppApi.AddReceivedMedia(mediaId, Jpeg, "image/png");
        await platform.PostWhatsAppAsync(Notifications.Image(waId, Notifications.NewMessageId(), mediaId));
        var handedOver = await Eventually.Until(async () => (await platform.WhatsAppEventsAsync(waId)).OfType<HandedOver>().SingleOrDefault(),
            h => h is not null, TimeSpan.FromSeconds(20), "the image handed over");

        await DownloadsAsStaffWithAReasonOnlyAndOnlyInItsCouncilAsync(handedOver!.HandoverId, Jpeg, "image/jpeg");
    }

    [Fact]
    public async Task A_chat_document_that_is_a_program_by_its_content_is_not_kept_and_a_file_gone_at_the_provider_neither()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        var fileId = $"BQACAgQ-{Guid.NewGuid():N}";
        platform.TelegramApi.AddFile(fileId, Program);
        var update = Updates.NewUpdateId();
        await platform.PostTelegramAsync("{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update % 100000
            + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"ca\"}"
            + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Anna\",\"type\":\"private\"},\"date\":1764400000"
            + ",\"document\":{\"file_name\":\"factura.pdf\",\"mime_type\":\"application/pdf\",\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"c\",\"file_size\":16}}}");
        await platform.PostTelegramAsync(Updates.Photo(Updates.NewUpdateId(), chat, $"AgACAgQ-gone-{Guid.NewGuid():N}"));

        var refused = await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<ChatMediaRefused>().ToList(),
            r => r.Count == 2, TimeSpan.FromSeconds(30), "both files settled");
        Assert.Equal(["unsupported-type", ChatMediaRefusals.Unavailable], refused.Select(r => r.Reason));
        Assert.Empty((await platform.TelegramEventsAsync(chat)).OfType<ChatMediaStored>());
    }
}
