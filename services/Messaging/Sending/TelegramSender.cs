using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Channels;
using TelegramApi = global::Telegram.Bot;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// sendMessage (and sendPhoto/sendDocument for an operator's file) through the kept Telegram.Bot client, at the configured Bot API base URL. A 429 is waited out for its
/// <c>retry_after</c> (on the service's clock) and tried again, a few times; a 403 means the citizen blocked the bot.
/// Flood control is the bot's: the wait holds every send of the bot (the broadcast pacer), and the retry takes a
/// paced slot like any alert's message.
/// </summary>
public sealed class TelegramSender(IHttpClientFactory http, IOptions<MessagingOptions> options, Media.ReplyMediaStore mediaStore,
    Broadcast.Pacing.ChannelPacer pacer, ILogger<TelegramSender> logger) : IChannelSender
{
    public const int MaxAttempts = 4;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(60);

    public string Channel => ChannelNames.Telegram;

    public Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct) =>
        SendAsync(account, chatId, (client, chat) => TelegramApi.TelegramBotClientExtensions.SendMessage(client, chat, text, cancellationToken: ct), ct);

    /// <summary>A text, or a photo (sendPhoto) or document (sendDocument) uploaded as multipart with the text as its caption.</summary>
    public async Task<SendOutcome> SendAsync(Outbound message, CancellationToken ct)
    {
        if (message.Media is not { } media) return await SendTextAsync(message.Account, message.ChatId, message.Text, ct);
        var content = await mediaStore.FindAsync(media.Sha256, ct);
        if (content is null) return new SendOutcome.Failed("media-missing");
        var caption = string.IsNullOrWhiteSpace(message.Text) ? null : message.Text;
        return await SendAsync(message.Account, message.ChatId, (client, chat) =>
        {
            // A fresh stream per attempt: a 429 retry uploads the file again.
            var file = TelegramApi.Types.InputFile.FromStream(new MemoryStream(content, writable: false), media.FileName);
            return media.Kind == Media.OutboundMedia.Photo
                ? TelegramApi.TelegramBotClientExtensions.SendPhoto(client, chat, file, caption, cancellationToken: ct)
                : TelegramApi.TelegramBotClientExtensions.SendDocument(client, chat, file, caption, cancellationToken: ct);
        }, ct);
    }

    private async Task<SendOutcome> SendAsync(string account, string chatId,
        Func<TelegramApi.TelegramBotClient, long, Task<TelegramApi.Types.Message>> send, CancellationToken ct)
    {
        var bot = options.Value.Telegram.Bots.GetValueOrDefault(account);
        if (bot?.Token is not { Length: > 0 } token) return new SendOutcome.Failed("no-bot-token");
        if (!long.TryParse(chatId, out var chat)) return new SendOutcome.Failed("bad-chat-id");

        // No automatic retry inside the client: the 429s are waited out here, on the service's clock (the pacer's).
        var client = new TelegramApi.TelegramBotClient(new TelegramApi.TelegramBotClientOptions(token, options.Value.Telegram.ApiBaseUrl) { RetryCount = 0 }, http.CreateClient("telegram"), ct);
        // A retry's paced turn, held until the retry is answered.
        Broadcast.Pacing.ChannelPacer.Turn? retry = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var message = await send(client, chat);
                    return new SendOutcome.Sent(message.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (TelegramApi.Exceptions.ApiRequestException e) when (e.ErrorCode == 429 && attempt < MaxAttempts)
                {
                    var wait = TimeSpan.FromSeconds(Math.Clamp(e.Parameters?.RetryAfter ?? 1, 1, LongestWait.TotalSeconds));
                    logger.LogWarning("Telegram flood control on bot {Bot}: waiting {Seconds} s (attempt {Attempt})", account, wait.TotalSeconds, attempt);
                    pacer.Pause(Channel, account, wait);
                    // The retry takes a paced turn of the bot's own, as any alert's message does.
                    retry?.Dispose();
                    retry = await pacer.WaitTurnAsync(Channel, account, chatId, ct);
                }
                catch (TelegramApi.Exceptions.ApiRequestException e) when (e.ErrorCode == 403)
                {
                    return new SendOutcome.Blocked();
                }
                catch (TelegramApi.Exceptions.ApiRequestException e) when (e.ErrorCode is 400 or 401 or 404)
                {
                    logger.LogWarning("Telegram refused a message of bot {Bot}: {Code}", account, e.ErrorCode);
                    return new SendOutcome.Failed($"telegram-{e.ErrorCode}");
                }
            }
        }
        finally
        {
            retry?.Dispose();
        }
    }
}
