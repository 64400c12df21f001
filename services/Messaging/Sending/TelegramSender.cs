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
        if (message.Media is not { } media) return await SendTextWithButtonsAsync(message, ct);
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

    /// <summary>A keyword's answer: its buttons as an inline keyboard under the text (one per row: labels stay whole),
    /// then its place with sendLocation.</summary>
    private async Task<SendOutcome> SendTextWithButtonsAsync(Outbound message, CancellationToken ct)
    {
        var keyboard = Keyboard(message.Buttons);
        var sent = keyboard is null
            ? await SendTextAsync(message.Account, message.ChatId, message.Text, ct)
            : await SendAsync(message.Account, message.ChatId,
                (client, chat) => TelegramApi.TelegramBotClientExtensions.SendMessage(client, chat, message.Text, replyMarkup: keyboard, cancellationToken: ct), ct);
        if (sent is SendOutcome.Sent && message.Location is { } at)
        {
            try
            {
                var located = await SendAsync(message.Account, message.ChatId,
                    (client, chat) => TelegramApi.TelegramBotClientExtensions.SendLocation(client, chat, at.Latitude, at.Longitude, cancellationToken: ct), ct);
                if (located is not SendOutcome.Sent) logger.LogWarning("Telegram did not take a keyword's place from bot {Bot}: {Outcome}", message.Account, located.GetType().Name);
            }
            catch (Exception e) when (e is HttpRequestException or TelegramApi.Exceptions.RequestException)
            {
                // The answer's text has gone: failing the reply now would send it again on the retry.
                logger.LogWarning("A keyword's place could not be sent from bot {Bot}: {Error}", message.Account, e.GetType().Name);
            }
        }
        return sent;
    }

    /// <summary>The reply's buttons as an inline keyboard: a link is a url button, a keyword a callback_data button
    /// carrying only the keyword's code (≤ 64 bytes).</summary>
    public static TelegramApi.Types.ReplyMarkups.InlineKeyboardMarkup? Keyboard(IReadOnlyList<Buttons.ReplyButton>? buttons)
    {
        var shown = (buttons ?? [])
            .Where(b => b.Url is not null || b.Data is { } d && System.Text.Encoding.UTF8.GetByteCount(d) <= Buttons.ButtonData.TelegramMaxBytes)
            .Select(b => new[]
            {
                b.Url is { } url
                    ? TelegramApi.Types.ReplyMarkups.InlineKeyboardButton.WithUrl(b.Label, url)
                    : TelegramApi.Types.ReplyMarkups.InlineKeyboardButton.WithCallbackData(b.Label, b.Data!),
            })
            .ToList();
        return shown.Count == 0 ? null : new TelegramApi.Types.ReplyMarkups.InlineKeyboardMarkup(shown);
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
