using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations.Receiving;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.WhatsApp;

/// <summary>
/// <c>/api/messaging/webhooks/whatsapp/{app}</c>: the WhatsApp Cloud API's callback URL of one Meta app. GET is the
/// subscription check (hub.mode=subscribe and the app's verify token → the challenge echoed); POST a notification,
/// signed with the app secret (X-Hub-Signature-256: HMAC-SHA256 of the exact body), checked in constant time before
/// the body is parsed — unsigned or badly signed is a 401 and nothing is stored. Meta retries anything but a 200, and
/// redelivers what it did not see answered: each message and each status is applied once.
/// </summary>
public static class WhatsAppWebhook
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    public static IResult Verify(string app, HttpRequest request, IOptions<MessagingOptions> options)
    {
        var account = options.Value.WhatsApp.Apps.GetValueOrDefault(app);
        var query = request.Query;
        if (account is null || query["hub.mode"] != "subscribe" || !Secrets.Matches(query["hub.verify_token"].FirstOrDefault(), account.VerifyToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Verification refused.", detail: "The mode or the verify token is wrong.");
        // Meta's challenge is a number; echo nothing else (the answer is text a browser could be led to show).
        var challenge = query["hub.challenge"].FirstOrDefault();
        if (challenge is not { Length: > 0 and <= 64 } || !challenge.All(char.IsAsciiLetterOrDigit))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hub.challenge"] = ["A challenge of letters and digits is required."] });
        return TypedResults.Text(challenge, "text/plain");
    }

    public static async Task<IResult> Receive(string app, HttpRequest request, IOptions<MessagingOptions> options, ReceiveInbound receive, Notices.NoticeReports notices,
        Broadcast.Delivery.AlertReports alerts, CancellationToken ct)
    {
        var account = options.Value.WhatsApp.Apps.GetValueOrDefault(app);
        var body = await WebhookResults.ReadBodyAsync(request, ct);
        // The signature is over the exact bytes, so the body is read first — but nothing of it is looked at before it is verified.
        if (account is null || body is null || !Secrets.SignatureMatches(request.Headers[SignatureHeader].FirstOrDefault(), body, account.AppSecret))
            return WebhookResults.Unauthorized();

        var reading = WhatsAppNotifications.Read(body);
        if (reading.Items is null) return WebhookResults.BadBody(reading.Error!);
        foreach (var item in reading.Items)
        {
            await receive.ReceiveAsync(new ChannelAccount(ChannelNames.WhatsApp, AccountName(app, item.PhoneNumberId), account.Council), item.Inbound, ct);
            // A notice's message: delivered (or read), or failed after all (then the notice tries its next channel).
            if (item.Inbound is InboundDeliveryStatus { Status: DeliveryStatus.Delivered or DeliveryStatus.Read or DeliveryStatus.Failed } status)
                await notices.ReportAsync(account.Council, ChannelNames.WhatsApp, status.ProviderMessageId, status.Status != DeliveryStatus.Failed, ct);
            // An alert's or a campaign's message: sent, delivered, read or failed, for its progress.
            if (item.Inbound is InboundDeliveryStatus alertStatus)
                await alerts.ReportAsync(account.Council, ChannelNames.WhatsApp, alertStatus.ProviderMessageId, alertStatus.Status, ct);
        }
        return TypedResults.Ok(new WebhookReceived(true));
    }

    /// <summary>A WhatsApp conversation is with one business number of one app: replies go from that number.</summary>
    public static string AccountName(string app, string phoneNumberId) => $"{app}:{phoneNumberId}";

    public static (string App, string PhoneNumberId) ParseAccount(string account)
    {
        var colon = account.LastIndexOf(':');
        return (account[..colon], account[(colon + 1)..]);
    }
}
