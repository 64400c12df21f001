using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Media;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>An operator answers with a photo or a document: uploaded through the staff route, judged by its content,
/// within its size, and delivered through the fakes' real wire format (Telegram sendPhoto/sendDocument as multipart,
/// WhatsApp media upload then an image/document message naming it).</summary>
[Collection(Collections.Clock)]
public sealed class MediaReplyTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A tiny but real JPEG header and a PDF: what the bytes say, whatever the name.</summary>
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private HttpClient Operator(string subject = "staff-ana") =>
        platform.Messaging.Client(TokenIssuer.Issue(platform.Tokens.Settings, OmnichannelRoles.Staff, Tokens.Tenant, subject, TimeSpan.FromHours(1)));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid handoverId, byte[] content, string fileName, string? caption, string declared = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declared);
        form.Add(file, "file", fileName);
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        return await client.PostAsync($"/api/messaging/operators/handovers/{handoverId}/media", form);
    }

    private async Task<Guid> ClaimedTelegramHandoverAsync(long chat, HttpClient by)
    {
        platform.Clock.MoveTo(MondayMorning);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "OPERADOR"));
        var handedOver = await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<HandedOver>().FirstOrDefault(),
            h => h is not null, TimeSpan.FromSeconds(20), "the hand-over");
        Assert.Equal(HttpStatusCode.OK, (await by.PostAsync($"/api/messaging/operators/handovers/{handedOver!.HandoverId}/claim", null)).StatusCode);
        return handedOver.HandoverId;
    }

    [Fact]
    public async Task An_operators_photo_and_document_reach_a_telegram_chat_as_sendPhoto_and_sendDocument_with_their_bytes()
    {
        var chat = Updates.NewChat();
        using var ana = Operator();
        var handoverId = await ClaimedTelegramHandoverAsync(chat, ana);

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(ana, handoverId, Jpeg, "foto del carrer.jpg", "Així ha quedat")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(ana, handoverId, Pdf, "../../etc/Resolució.exe", null, "image/png")).StatusCode);

        var files = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.FilesTo(chat)), f => f.Count >= 2, TimeSpan.FromSeconds(20), "the photo and the document");
        var photo = Assert.Single(files, f => f.Method == "sendPhoto");
        Assert.Equal(Jpeg, photo.Content);
        Assert.Equal("Així ha quedat", photo.Caption);
        var document = Assert.Single(files, f => f.Method == "sendDocument");
        Assert.Equal(Pdf, document.Content);
        Assert.Null(document.Caption);
        Assert.Equal("Resolució.pdf", document.FileName); // no folder, the extension its content says
        var events = await Eventually.Until(() => platform.TelegramEventsAsync(chat), e => e.OfType<ReplySent>().Count() >= 3, TimeSpan.FromSeconds(20), "both recorded sent");
        Assert.Equal(2, events.OfType<ReplyQueued>().Count(r => r.Media is not null));
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_or_pdf_by_its_content_is_a_415_and_one_too_large_a_413_and_nothing_is_sent()
    {
        var chat = Updates.NewChat();
        using var ana = Operator();
        var handoverId = await ClaimedTelegramHandoverAsync(chat, ana);

        var renamed = await UploadAsync(ana, handoverId, "MZ\u0090\0 not an image"u8.ToArray(), "photo.jpg", null);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, renamed.StatusCode);
        Assert.Equal("unsupported-type", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var huge = new byte[5 * 1024 * 1024 + 1];
        Jpeg.CopyTo(huge, 0);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await UploadAsync(ana, handoverId, huge, "big.jpg", null)).StatusCode);
        var missing = await ana.PostAsync($"/api/messaging/operators/handovers/{handoverId}/media", new MultipartFormDataContent { { new StringContent("hola"), "caption" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("file", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        using var pau = Operator("staff-pau");
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(pau, handoverId, Jpeg, "a.jpg", null)).StatusCode);

        Assert.Empty(platform.TelegramApi.FilesTo(chat));
        Assert.DoesNotContain((await platform.TelegramEventsAsync(chat)).OfType<ReplyQueued>(), r => r.Media is not null);
    }

    [Fact]
    public async Task An_operators_photo_reaches_a_whatsapp_chat_as_an_uploaded_media_and_an_image_message()
    {
        platform.Clock.MoveTo(MondayMorning);
        var waId = Notifications.NewWaId();
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "OPERADOR"));
        var handedOver = await Eventually.Until(async () => (await platform.WhatsAppEventsAsync(waId)).OfType<HandedOver>().FirstOrDefault(),
            h => h is not null, TimeSpan.FromSeconds(20), "the hand-over");
        using var ana = Operator();
        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsync($"/api/messaging/operators/handovers/{handedOver!.HandoverId}/claim", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(ana, handedOver.HandoverId, Jpeg, "x.jpg", "Mireu")).StatusCode);

        var sent = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.MediaMessages.Where(m => m.To == waId).ToList()), m => m.Count >= 1, TimeSpan.FromSeconds(20), "the image message");
        var image = Assert.Single(sent);
        Assert.Equal(("image", "Mireu", "image/jpeg"), (image.Type, image.Caption, image.MimeType));
        Assert.Equal(Jpeg, image.Content);
    }

    [Theory]
    [InlineData("informe.pdf", "pdf", "informe.pdf")]
    [InlineData("C:\\Users\\x\\Carta <1>.doc", "pdf", "Carta 1.pdf")]
    [InlineData(null, "jpg", "document.jpg")]
    public void A_files_name_keeps_only_plain_characters_and_the_extension_its_content_says(string? given, string extension, string expected) =>
        Assert.Equal(expected, ReplyMediaContent.FileName(given, extension));
}
