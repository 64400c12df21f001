using Omnichannel.Messaging.Channels;

namespace Omnichannel.Messaging.Sms;

/// <summary>
/// Twilio's incoming-message webhook, read (pure): a form with <c>MessageSid</c>, <c>From</c> (the citizen's number,
/// E.164), <c>To</c> (the council's), <c>Body</c>, <c>SmsStatus</c> "received" and no <c>MessageStatus</c> — which is
/// what tells it from a delivery report on the same URL. The number is the conversation's chat id (replies go back to
/// it by SMS); an empty body (an MMS with only a picture) is a message no keyword answers.
/// </summary>
public static class SmsIncoming
{
    public static InboundMessage? Read(IReadOnlyDictionary<string, string> form)
    {
        if (form.ContainsKey("MessageStatus")) return null;
        if (!form.TryGetValue("MessageSid", out var sid) || sid.Length == 0
            || !form.TryGetValue("From", out var from) || from.Length == 0
            || !form.ContainsKey("Body")) return null;
        var media = form.TryGetValue("NumMedia", out var count) && int.TryParse(count, out var n) && n > 0;
        var body = form["Body"];
        return new InboundMessage
        {
            DeliveryId = sid, ChatId = from, ProviderMessageId = sid,
            Kind = body.Length == 0 && media ? MessageKind.Photo : MessageKind.Text,
            Text = body.Length == 0 ? null : body,
        };
    }
}
