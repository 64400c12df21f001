using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Channels;
using TelegramApi = global::Telegram.Bot;

namespace Omnichannel.Messaging.Telegram;

/// <summary>
/// answerCallbackQuery: tells Telegram a press on an inline keyboard was taken, so the citizen's app stops its spinner
/// (https://core.telegram.org/bots/api#answercallbackquery). Sent once, right after the press is stored (a redelivered
/// update is not stored again, so not acknowledged again), in the background: the webhook does not wait for it. The
/// query expires after a short while, so a failure is logged and not tried again.
/// </summary>
public sealed class CallbackAnswers(IHttpClientFactory http, IOptions<MessagingOptions> options, IHostApplicationLifetime lifetime, ILogger<CallbackAnswers> logger)
{
    public void AnswerSoon(string bot, string callbackQueryId, string? text) => _ = AnswerAsync(bot, callbackQueryId, text, lifetime.ApplicationStopping);

    public async Task AnswerAsync(string bot, string callbackQueryId, string? text, CancellationToken ct)
    {
        try
        {
            var account = options.Value.Telegram.Bots.GetValueOrDefault(bot);
            if (account?.Token is not { Length: > 0 } token) return;
            var client = new TelegramApi.TelegramBotClient(
                new TelegramApi.TelegramBotClientOptions(token, options.Value.Telegram.ApiBaseUrl) { RetryCount = 0 }, http.CreateClient("telegram"), ct);
            await TelegramApi.TelegramBotClientExtensions.AnswerCallbackQuery(client, callbackQueryId, text, cancellationToken: ct);
        }
        catch (TelegramApi.Exceptions.ApiRequestException e)
        {
            // 400 "query is too old": the press waited too long (the chat still gets its answer).
            logger.LogInformation("Telegram did not take a callback answer of bot {Bot}: {Code}", bot, e.ErrorCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TelegramApi.Exceptions.RequestException)
        {
            logger.LogWarning("A callback answer of bot {Bot} could not be sent: {Error}", bot, e.GetType().Name);
        }
    }
}
