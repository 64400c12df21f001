using Microsoft.Extensions.Options;
using ChannelNames = Omnichannel.Contracts.Channels;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations.Receiving;

namespace Omnichannel.Messaging.Telegram;

/// <summary>
/// <c>POST /api/messaging/webhooks/telegram/{bot}</c>: where Telegram delivers a bot's updates (setWebhook with this URL
/// and the bot's <c>secret_token</c>). The secret is checked, in constant time, before the body is even read: a call
/// without it is a 401 and nothing is stored. Telegram retries anything but a 2xx, so an update that was understood, or
/// is of a kind not handled, is a 200; only a body that is not an update is a 400.
/// </summary>
public static class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static async Task<IResult> Receive(string bot, HttpRequest request, IOptions<MessagingOptions> options, ReceiveInbound receive, CancellationToken ct)
    {
        // An unknown bot and a wrong secret get the same answer: the route does not tell which bots exist.
        var account = options.Value.Telegram.Bots.GetValueOrDefault(bot);
        if (account is null || !Secrets.Matches(request.Headers[SecretHeader].FirstOrDefault(), account.WebhookSecret))
            return WebhookResults.Unauthorized();

        var body = await WebhookResults.ReadBodyAsync(request, ct);
        if (body is null) return WebhookResults.BadBody("The body is larger than an update can be.");
        var reading = TelegramUpdates.Read(body);
        if (reading.Update is null) return WebhookResults.BadBody(reading.Error!);

        await receive.ReceiveAsync(new ChannelAccount(ChannelNames.Telegram, bot, account.Council), reading.Update, ct);
        return TypedResults.Ok(new WebhookReceived(true));
    }
}
