using System.Net;
using Marten;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Sms;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>Citizens texting the council's number (Twilio's incoming-message webhook): a message of an SMS conversation,
/// answered by keyword by SMS, once however often it is delivered, and only when signed.</summary>
[Collection(Collections.Webhooks)]
public sealed class SmsInboundTests(MessagingPlatform platform)
{
    private const string CouncilNumber = "+34937580000";

    private string WebhookUrl => new Uri(platform.Messaging.HttpAddress, $"/api/messaging/webhooks/sms/{MessagingPlatform.SmsAccount}").ToString();

    private static string NewPhone() => "+3467" + Random.Shared.Next(1_000_000, 9_999_999);

    private async Task<IReadOnlyList<object>> EventsAsync(string phone)
    {
        await using var session = platform.Query();
        return (await session.Events.FetchStreamAsync(platform.ConversationKey("sms", MessagingPlatform.SmsAccount, phone))).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task A_text_to_the_councils_number_is_answered_by_keyword_by_sms_once_even_when_delivered_twice()
    {
        var phone = NewPhone();
        var sid = "SM" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.IncomingAsync(WebhookUrl, phone, CouncilNumber, "  HORARIO  ", sid));
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.IncomingAsync(WebhookUrl, phone, CouncilNumber, "  HORARIO  ", sid));

        var answer = Assert.Single(await Eventually.Until(() => Task.FromResult(platform.SmsApi.To(phone)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the answer by SMS"));
        Assert.Equal("AjMataro", answer.From);
        var events = await Eventually.Until(() => EventsAsync(phone), e => e.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the answer recorded sent");
        Assert.Single(events.OfType<MessageReceived>());
        Assert.Equal("keyword", Assert.Single(events.OfType<ReplyQueued>()).Reason);
        Assert.Single(platform.SmsApi.To(phone));
    }

    [Fact]
    public async Task A_text_with_a_wrong_signature_is_a_401_and_nothing_is_stored()
    {
        var phone = NewPhone();
        Assert.Equal(HttpStatusCode.Unauthorized, await platform.SmsApi.IncomingAsync(WebhookUrl, phone, CouncilNumber, "HORARI", signatureOverride: "bm90IGEgc2lnbmF0dXJl"));
        Assert.Empty(await EventsAsync(phone));
    }

    [Fact]
    public void An_incoming_message_is_told_from_a_delivery_report_on_the_same_url()
    {
        var incoming = SmsIncoming.Read(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = "+34600000000", ["To"] = CouncilNumber, ["Body"] = "Hola", ["SmsStatus"] = "received" });
        Assert.Equal(("SM1", "+34600000000", MessageKind.Text, "Hola"), (incoming!.DeliveryId, incoming.ChatId, incoming.Kind, incoming.Text));
        Assert.Null(SmsIncoming.Read(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["MessageStatus"] = "delivered", ["To"] = "+34600000000", ["Body"] = "x", ["From"] = "Aj" }));
        Assert.Equal(MessageKind.Photo, SmsIncoming.Read(new Dictionary<string, string> { ["MessageSid"] = "MM1", ["From"] = "+34600000000", ["Body"] = "", ["NumMedia"] = "1" })!.Kind);
    }
}
