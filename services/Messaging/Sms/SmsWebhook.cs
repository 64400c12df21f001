using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations.Receiving;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Sms;

/// <summary>
/// <c>POST /api/messaging/webhooks/sms/{account}</c>: the provider's delivery reports (Twilio's status callback: a
/// form with <c>MessageSid</c>, <c>MessageStatus</c>, <c>To</c>, <c>ErrorCode</c>…), verified before anything is
/// stored by <c>X-Twilio-Signature</c> — base64 HMAC-SHA1, under the account's auth token, of the callback URL as
/// configured followed by every form field's name and value sorted by name — compared in constant time. A report moves
/// the message's status in its SMS conversation forward only (reports arrive out of order), once per status.
/// </summary>
public static class SmsWebhook
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public static async Task<IResult> Receive(string account, HttpRequest request, IOptions<SmsOptions> options, ReceiveInbound receive, Notices.NoticeReports notices, TimeProvider clock, CancellationToken ct)
    {
        var sms = options.Value.Accounts.GetValueOrDefault(account);
        if (sms?.AuthToken is not { Length: > 0 } token || sms.StatusCallbackUrl is not { Length: > 0 } url) return WebhookResults.Unauthorized();

        var body = await WebhookResults.ReadBodyAsync(request, ct);
        if (body is null) return WebhookResults.BadBody("The body is larger than a delivery report can be.");
        string text;
        try { text = new UTF8Encoding(false, true).GetString(body); }
        catch (DecoderFallbackException) { return WebhookResults.BadBody("The body is not UTF-8."); }
        var form = QueryHelpers.ParseQuery(text).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!SignatureMatches(request.Headers[SignatureHeader].FirstOrDefault(), url, form, token)) return WebhookResults.Unauthorized();

        // A citizen texting the council's number (Twilio's incoming-message webhook, same URL and signature): a message of
        // the SMS conversation of their number, answered like any chat; its MessageSid makes a redelivery change nothing.
        if (SmsIncoming.Read(form) is { } incoming)
        {
            await receive.ReceiveAsync(new ChannelAccount(ChannelNames.Sms, account, sms.Council), incoming, ct);
            return TypedResults.Ok(new WebhookReceived(true));
        }
        var report = Read(form, clock.GetUtcNow());
        if (report is null) return WebhookResults.BadBody("A delivery report needs MessageSid, MessageStatus and To.");
        await receive.ReceiveAsync(new ChannelAccount(ChannelNames.Sms, account, sms.Council), report, ct);
        // A notice's SMS: delivered, or failed after all (then the notice tries its next channel).
        if (report is InboundDeliveryStatus { Status: DeliveryStatus.Delivered or DeliveryStatus.Failed } status)
            await notices.ReportAsync(sms.Council, ChannelNames.Sms, status.ProviderMessageId, status.Status == DeliveryStatus.Delivered, ct);
        return TypedResults.Ok(new WebhookReceived(true));
    }

    /// <summary>The report in the channel-neutral shape (pure); a status with no meaning here ("receiving") is ignored.</summary>
    public static Inbound? Read(IReadOnlyDictionary<string, string> form, DateTimeOffset at)
    {
        if (!form.TryGetValue("MessageSid", out var sid) || sid.Length == 0
            || !form.TryGetValue("MessageStatus", out var status) || status.Length == 0
            || !form.TryGetValue("To", out var to) || to.Length == 0) return null;
        DeliveryStatus? moved = status switch
        {
            "queued" or "accepted" or "scheduled" or "sending" or "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "undelivered" or "failed" => DeliveryStatus.Failed,
            _ => null,
        };
        var deliveryId = $"{sid}:{status}";
        return moved is { } s
            ? new InboundDeliveryStatus { DeliveryId = deliveryId, ChatId = to, ProviderMessageId = sid, Status = s, At = at }
            : new InboundIgnored { DeliveryId = deliveryId, What = $"sms-status-{status}" };
    }

    public static string Sign(string url, IReadOnlyDictionary<string, string> form, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal)) data.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static bool SignatureMatches(string? presented, string url, IReadOnlyDictionary<string, string> form, string authToken) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Sign(url, form, authToken)));
}
