using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts.Grpc.Incidents.V1;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.WhatsApp;
using ChannelNames = Omnichannel.Contracts.Channels;
using TelegramApi = global::Telegram.Bot;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Complaints;

/// <summary>
/// A chat complaint's photos become the incident's attachments once incidents has reported it (its IncidentReported,
/// the incident id being the complaint's id). Messaging downloads them — it alone holds the bot tokens and access
/// tokens the providers ask for, which incidents never gets — and hands the bytes to incidents'
/// <c>IncidentDesk.AttachFromChat</c>, which judges them by content and stores them by hash in its attachment store
/// exactly as an upload. A redelivery downloads and attaches again, and the same hash changes nothing; a provider or
/// incidents that cannot answer fails the message, which is retried. Separate from the code notice
/// (<see cref="ComplaintFiledNotice"/>): a slow download never delays the citizen's code.
/// </summary>
public sealed class ComplaintPhotoAttachments(IDocumentStore store, ChatPhotoDownloads downloads, GrpcClientFactory clients, ILogger<ComplaintPhotoAttachments> logger)
    : IdempotentConsumer<V1.IncidentReported>(store)
{
    /// <summary>The incidents client for files: no 2-second budget of the look-ups, a deadline of its own.</summary>
    public const string ClientName = "incident-attachments";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    protected override async Task HandleAsync(ConsumeContext<V1.IncidentReported> context, IDocumentSession session)
    {
        var ct = context.CancellationToken;
        if (await session.LoadAsync<ChatComplaint>(context.Message.IncidentId, ct) is not { PhotoFileIds.Count: > 0 } chat) return;
        var incidents = clients.CreateClient<IncidentDesk.IncidentDeskClient>(ClientName);
        foreach (var fileId in chat.PhotoFileIds)
        {
            var content = await downloads.DownloadAsync(chat.Channel, chat.Account, fileId, ct);
            if (content is null) continue; // gone at the provider: nothing to attach
            await AttachAsync(incidents, chat.Id, content, logger, ct);
        }
    }

    /// <summary>Hands one file to incidents; a refusal that retrying would not change (not a type incidents takes, too
    /// large, the incident closed or full) is logged, anything else throws to be retried.</summary>
    public static async Task AttachAsync(IncidentDesk.IncidentDeskClient incidents, Guid incidentId, byte[] content, ILogger logger, CancellationToken ct)
    {
        try
        {
            await incidents.AttachFromChatAsync(new AttachFromChatRequest { IncidentId = incidentId.ToString(), Content = Google.Protobuf.ByteString.CopyFrom(content) },
                deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            logger.LogWarning("A complaint's file was not attached to its incident: {Status}", e.StatusCode);
        }
    }
}

/// <summary>
/// Files a citizen sent after their complaint was filed (<see cref="Operators.ComplaintAttachmentsAdded"/>: an e-mail
/// answering it with more photos) go to that incident's attachments, read by hash from messaging's inbound store. A
/// checkpointed subscription: an incidents that cannot answer fails the page, retried from the checkpoint; the same
/// hash handed again is one attachment, so a retried page changes nothing.
/// </summary>
public sealed class ComplaintAttachmentSubscription : Omnichannel.BuildingBlocks.EventStore.EachEventSubscription
{
    public const string SubscriptionName = "complaint-attachments";

    public ComplaintAttachmentSubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName) => IncludeType<Operators.ComplaintAttachmentsAdded>();

    protected override async Task HandleAsync(JasperFx.Events.IEvent stored, IServiceProvider services, CancellationToken ct)
    {
        if (stored.Data is not Operators.ComplaintAttachmentsAdded added) return;
        var incidents = services.GetRequiredService<GrpcClientFactory>().CreateClient<IncidentDesk.IncidentDeskClient>(ComplaintPhotoAttachments.ClientName);
        var media = services.GetRequiredService<Email.InboundMediaStore>();
        var logger = services.GetRequiredService<ILogger<ComplaintAttachmentSubscription>>();
        foreach (var sha256 in added.Sha256s)
        {
            if (await media.FindAsync(sha256, ct) is not { } file) continue; // erased since
            await ComplaintPhotoAttachments.AttachAsync(incidents, added.ComplaintId, file.Content, logger, ct);
        }
    }
}

/// <summary>
/// A chat photo's bytes from its provider, by the file id the message carried: Telegram's <c>getFile</c> then the file
/// download URL (<c>{base}/file/bot{token}/{file_path}</c>, through the kept client); WhatsApp's media URL retrieval
/// (<c>GET {graph}/{media-id}</c>, bearer the access token) then the URL it gives, with the same token. Null when the
/// provider says the file is gone (expired or unknown: 400/404); throws when it is worth trying again.
/// </summary>
public sealed class ChatPhotoDownloads(IHttpClientFactory http, IOptions<MessagingOptions> options, Email.InboundMediaStore inbound, ILogger<ChatPhotoDownloads> logger)
{
    /// <summary>The largest file fetched: what incidents would take at most (a bot may download up to 20 MB).</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public Task<byte[]?> DownloadAsync(string channel, string account, string fileId, CancellationToken ct) => channel switch
    {
        ChannelNames.Telegram => FromTelegramAsync(account, fileId, ct),
        ChannelNames.WhatsApp => FromWhatsAppAsync(account, fileId, ct),
        // An e-mail's files were stored by hash when the mail was read.
        ChannelNames.Email => FromInboundAsync(fileId, ct),
        _ => Task.FromResult<byte[]?>(null),
    };

    private async Task<byte[]?> FromInboundAsync(string sha256, CancellationToken ct) => (await inbound.FindAsync(sha256, ct))?.Content;

    private async Task<byte[]?> FromTelegramAsync(string account, string fileId, CancellationToken ct)
    {
        var bot = options.Value.Telegram.Bots.GetValueOrDefault(account);
        if (bot?.Token is not { Length: > 0 } token) return null;
        var client = new TelegramApi.TelegramBotClient(new TelegramApi.TelegramBotClientOptions(token, options.Value.Telegram.ApiBaseUrl), http.CreateClient("telegram"), ct);
        try
        {
            var file = await TelegramApi.TelegramBotClientExtensions.GetFile(client, fileId, ct);
            if (file.FilePath is null || file.FileSize > MaxBytes) return null;
            using var bytes = new MemoryStream();
            await client.DownloadFile(file.FilePath, bytes, ct);
            return bytes.ToArray();
        }
        catch (TelegramApi.Exceptions.ApiRequestException e) when (e.ErrorCode is 400 or 404)
        {
            logger.LogWarning("Telegram has no file for a complaint's photo any more: {Code}", e.ErrorCode);
            return null;
        }
    }

    private async Task<byte[]?> FromWhatsAppAsync(string account, string mediaId, CancellationToken ct)
    {
        var (appName, _) = WhatsAppWebhook.ParseAccount(account);
        if (options.Value.WhatsApp.Apps.GetValueOrDefault(appName)?.AccessToken is not { Length: > 0 } token) return null;
        var client = http.CreateClient("whatsapp");

        using var lookup = new HttpRequestMessage(HttpMethod.Get, $"{options.Value.WhatsApp.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(mediaId)}");
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string url;
        using (var found = await client.SendAsync(lookup, ct))
        {
            if (Gone(found.StatusCode)) return null;
            EnsureWorthRetrying(found);
            using var document = JsonDocument.Parse(await found.Content.ReadAsStringAsync(ct));
            url = document.RootElement.GetProperty("url").GetString() ?? throw new HttpRequestException("WhatsApp gave no media URL.");
            if (document.RootElement.TryGetProperty("file_size", out var size) && size.TryGetInt64(out var bytes) && bytes > MaxBytes) return null;
        }

        // The URL is short-lived and also needs the access token.
        using var download = new HttpRequestMessage(HttpMethod.Get, url);
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(download, HttpCompletionOption.ResponseHeadersRead, ct);
        if (Gone(response.StatusCode)) return null;
        EnsureWorthRetrying(response);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    private bool Gone(HttpStatusCode status)
    {
        if (status is not (HttpStatusCode.BadRequest or HttpStatusCode.NotFound)) return false;
        logger.LogWarning("WhatsApp has no media for a complaint's photo any more: {Status}", (int)status);
        return true;
    }

    private static void EnsureWorthRetrying(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The WhatsApp Cloud API answered {(int)response.StatusCode}; the photo will be fetched again.");
    }
}
