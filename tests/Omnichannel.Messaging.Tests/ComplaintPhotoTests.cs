using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Net.ClientFactory;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Contracts.Grpc.Incidents.V1;
using Omnichannel.Messaging.Complaints;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>A chat complaint's photo is fetched from the provider (Telegram getFile + file URL; WhatsApp media URL +
/// download, both with the account's secret) and stored as the incident's attachment through incidents' own store.</summary>
[Collection(Collections.Notices)]
public sealed class ComplaintPhotoTests(MessagingPlatform platform)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0x42, 0xFF, 0xD9];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private async Task<JsonElement> IncidentWithAttachmentAsync(Guid incidentId, string sha256)
    {
        using var staff = platform.Incidents.Client(platform.Tokens.Staff());
        return await Eventually.Until(async () =>
        {
            var response = await staff.GetAsync($"/api/incidents/{incidentId}?reason=complaint-handling");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, i => i.ValueKind == JsonValueKind.Object && i.GetProperty("attachments").EnumerateArray().Any(a => a.GetProperty("sha256").GetString() == sha256),
            TimeSpan.FromSeconds(30), "the photo among the incident's attachments");
    }

    [Fact]
    public async Task A_telegram_complaints_photo_is_downloaded_into_the_incidents_attachments_once()
    {
        var chat = Updates.NewChat();
        var fileId = $"AgACAgQ-{Guid.NewGuid():N}";
        platform.TelegramApi.AddFile(fileId, Jpeg);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "QUEIXA"));
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the complaint prompt");
        await platform.PostTelegramAsync(Updates.Photo(Updates.NewUpdateId(), chat, fileId, "Voravia trencada"));
        var complaint = await Eventually.Until(async () => (await platform.TelegramEventsAsync(chat)).OfType<ComplaintSubmitted>().SingleOrDefault(),
            c => c is not null, TimeSpan.FromSeconds(30), "the complaint");

        var incident = await IncidentWithAttachmentAsync(complaint!.ComplaintId, Sha(Jpeg));
        var attachment = Assert.Single(incident.GetProperty("attachments").EnumerateArray());
        Assert.Equal("image/jpeg", attachment.GetProperty("contentType").GetString());
        using var staff = platform.Incidents.Client(platform.Tokens.Staff());
        Assert.Equal(Jpeg, await staff.GetByteArrayAsync($"/api/incidents/{complaint.ComplaintId}/attachments/{Sha(Jpeg)}"));

        // What a redelivery does: the same bytes handed to incidents again change nothing.
        using (RequestContext.Begin(Tokens.Tenant, null))
        {
            var incidents = platform.Messaging.Services.GetRequiredService<GrpcClientFactory>().CreateClient<IncidentDesk.IncidentDeskClient>(ComplaintPhotoAttachments.ClientName);
            var again = await incidents.AttachFromChatAsync(new AttachFromChatRequest { IncidentId = complaint.ComplaintId.ToString(), Content = Google.Protobuf.ByteString.CopyFrom(Jpeg) });
            Assert.False(again.Added);
        }
        Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/incidents/{complaint.ComplaintId}?reason=complaint-handling")).GetProperty("attachments").EnumerateArray());
    }

    [Fact]
    public async Task A_whatsapp_complaints_image_is_fetched_through_the_media_url_into_the_incidents_attachments()
    {
        var waId = Notifications.NewWaId();
        var mediaId = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        platform.WhatsAppApi.AddReceivedMedia(mediaId, Png, "image/png");
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "QUEJA"));
        await Eventually.Until(async () => (await platform.WhatsAppEventsAsync(waId)).Count, n => n >= 3, TimeSpan.FromSeconds(30), "the complaint prompt");
        await platform.PostWhatsAppAsync(Notifications.Image(waId, Notifications.NewMessageId(), mediaId, "Bache enorme"));
        var complaint = await Eventually.Until(async () => (await platform.WhatsAppEventsAsync(waId)).OfType<ComplaintSubmitted>().SingleOrDefault(),
            c => c is not null, TimeSpan.FromSeconds(30), "the complaint");

        var incident = await IncidentWithAttachmentAsync(complaint!.ComplaintId, Sha(Png));
        Assert.Equal("image/png", Assert.Single(incident.GetProperty("attachments").EnumerateArray()).GetProperty("contentType").GetString());
    }
}
