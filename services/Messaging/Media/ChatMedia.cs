using System.Security.Cryptography;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using ChannelNames = Omnichannel.Contracts.Channels;
using TelegramApi = global::Telegram.Bot;

namespace Omnichannel.Messaging.Media;

/// <summary>A chat file (a Telegram photo, video or document, a WhatsApp image, video or document) fetched from its
/// provider and kept like an e-mail's attachment: bytes by SHA-256 in <see cref="Email.InboundMediaStore"/>, type by
/// content. Appended to the conversation after the message <see cref="DeliveryId"/> names, so operators download it from
/// the hand-over as they do an e-mail's files, and erasure and retention find its hash and name in the conversation.</summary>
public sealed record ChatMediaStored([NotPersonal] string DeliveryId, InboundAttachment Attachment, DateTimeOffset At);

/// <summary>A chat file that was not kept (<see cref="ChatMediaRefusals"/>, or an attachment refusal reason: not an
/// image, PDF or video by content, too large, empty).</summary>
public sealed record ChatMediaRefused([NotPersonal] string DeliveryId, [NotPersonal] string Reason, DateTimeOffset At);

public static class ChatMediaRefusals
{
    /// <summary>The provider no longer has it (expired, unknown) or will not give it (larger than a bot may download).</summary>
    public const string Unavailable = "unavailable";
}

/// <summary>
/// Fetches each chat file after its message is stored, from a checkpointed Marten subscription (the webhook answers the
/// provider without waiting for a download). A provider that cannot answer now fails the page, retried from the
/// checkpoint; a message whose file was already settled (kept or refused) is skipped, so a retried page fetches nothing
/// twice.
/// </summary>
public sealed class ChatMediaSubscription : EachEventSubscription
{
    public const string SubscriptionName = "chat-media";

    public ChatMediaSubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName) => IncludeType<MessageReceived>();

    protected override Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct) =>
        stored.Data is MessageReceived { MediaId: { Length: > 0 }, Kind: MessageKind.Photo or MessageKind.Video or MessageKind.Document } message
        && ChatMediaFetching.Account(stored.StreamKey) is { } account
            ? services.GetRequiredService<ChatMediaFetching>().FetchAsync(stored.TenantId, stored.StreamKey!, account.Channel, account.Account, message, ct)
            : Task.CompletedTask;
}

/// <summary>One chat file: downloaded (<see cref="Complaints.ChatPhotoDownloads"/>: Telegram getFile and the file URL,
/// WhatsApp's media URL and its download), judged by content with the e-mail attachments' rules, stored by hash.</summary>
public sealed class ChatMediaFetching(IDocumentStore store, Complaints.ChatPhotoDownloads downloads, Email.InboundMediaStore media,
    IOptions<Email.EmailAttachmentOptions> limits, TimeProvider clock, ILogger<ChatMediaFetching> logger)
{
    /// <summary>The chat channel and account of a conversation's stream key; null for any other stream or channel.</summary>
    public static (string Channel, string Account)? Account(string? streamKey) =>
        ConversationKeys.Parse(streamKey) is { Channel: ChannelNames.Telegram or ChannelNames.WhatsApp } key ? (key.Channel, key.Account) : null;

    public async Task FetchAsync(string council, string streamKey, string channel, string account, MessageReceived message, CancellationToken ct)
    {
        if (await SettledAsync(council, streamKey, message.DeliveryId, ct)) return;

        byte[]? content;
        try
        {
            content = await downloads.DownloadAsync(channel, account, message.MediaId!, ct);
        }
        catch (TelegramApi.Exceptions.ApiRequestException e) when (e.ErrorCode is >= 400 and < 500 and not 429)
        {
            // Refused for good (a file too big for a bot, a token the provider does not take): retrying changes nothing.
            logger.LogWarning("Telegram refused a chat file: {Code}", e.ErrorCode);
            content = null;
        }

        object settled;
        if (content is null) settled = new ChatMediaRefused(message.DeliveryId, ChatMediaRefusals.Unavailable, clock.GetUtcNow());
        else
        {
            var (type, refusal) = Email.EmailAttachments.Judge(content, content.Length, limits.Value);
            if (refusal is not null || type is null) settled = new ChatMediaRefused(message.DeliveryId, refusal ?? AttachmentRefusalReasons.UnsupportedType, clock.GetUtcNow());
            else
            {
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
                // The bytes first: whoever reads the event then finds them (the same file twice is stored once).
                await media.SaveAsync(sha256, type.ContentType, content, ct);
                settled = new ChatMediaStored(message.DeliveryId,
                    new InboundAttachment(sha256, type.ContentType, content.Length, FileName(channel, message.Kind, message.At, type.Extension)), clock.GetUtcNow());
            }
        }
        if (settled is ChatMediaRefused refused) logger.LogInformation("A {Channel} file was not kept: {Reason}", channel, refused.Reason);

        await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            if (await SettledAsync(council, streamKey, message.DeliveryId, ct)) return true;
            await using var session = store.LightweightSession(council);
            session.Events.Append(streamKey, settled);
            await session.SaveChangesAsync(ct);
            return true;
        }, ct);
    }

    private async Task<bool> SettledAsync(string council, string streamKey, string deliveryId, CancellationToken ct)
    {
        await using var query = store.QuerySession(council);
        var events = await query.Events.FetchStreamAsync(streamKey, token: ct);
        return events.Any(e => e.Data is ChatMediaStored s && s.DeliveryId == deliveryId || e.Data is ChatMediaRefused r && r.DeliveryId == deliveryId);
    }

    /// <summary>A chat file has no name the citizen gave (a photo never does): what it is, when, and the extension its
    /// content says, e.g. "telegram-foto-20261214-1000.jpg".</summary>
    public static string FileName(string channel, MessageKind kind, DateTimeOffset at, string extension) =>
        $"{channel}-{kind switch { MessageKind.Photo => "foto", MessageKind.Video => "video", _ => "document" }}-{at.UtcDateTime:yyyyMMdd-HHmmss}.{extension}";
}
