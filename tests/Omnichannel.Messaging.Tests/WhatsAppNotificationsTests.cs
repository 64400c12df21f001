using System.Text;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.WhatsApp;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>WhatsApp Cloud API notifications, read without a server.</summary>
public sealed class WhatsAppNotificationsTests
{
    private static WhatsAppNotifications.Reading Read(string json) => WhatsAppNotifications.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_text_message_is_the_business_numbers_with_the_senders_wa_id()
    {
        var item = Assert.Single(Read(Notifications.Text("34612345678", "wamid.A", "Horari")).Items!);
        var message = Assert.IsType<InboundMessage>(item.Inbound);
        Assert.Equal((MessagingAccounts.PhoneNumberId, "34612345678", "wamid.A", MessageKind.Text, "Horari"),
            (item.PhoneNumberId, message.ChatId, message.DeliveryId, message.Kind, message.Text));
    }

    [Fact]
    public void A_status_is_one_delivery_per_message_and_status()
    {
        var status = Assert.IsType<InboundDeliveryStatus>(Assert.Single(Read(Notifications.Status("34612345678", "wamid.B", "read", 1764400100)).Items!).Inbound);
        Assert.Equal(("wamid.B:read", "wamid.B", DeliveryStatus.Read, DateTimeOffset.FromUnixTimeSeconds(1764400100)),
            (status.DeliveryId, status.ProviderMessageId, status.Status, status.At));
    }

    [Fact]
    public void Images_locations_and_button_replies_are_read_as_such()
    {
        const string json = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
             "metadata":{"display_phone_number":"34687200100","phone_number_id":"106540352242922"},
             "messages":[
              {"from":"34612345678","id":"wamid.1","timestamp":"1","type":"image","image":{"id":"media-9","mime_type":"image/jpeg","caption":"Fanal"}},
              {"from":"34612345678","id":"wamid.2","timestamp":"1","type":"location","location":{"latitude":41.54,"longitude":2.44}},
              {"from":"34612345678","id":"wamid.3","timestamp":"1","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"HORARI","title":"Horari"}}},
              {"from":"34612345678","id":"wamid.4","timestamp":"1","type":"sticker","sticker":{"id":"s"}}]}}]}]}
            """;
        var items = Read(json).Items!.Select(i => (InboundMessage)i.Inbound).ToList();
        Assert.Equal((MessageKind.Photo, "media-9", "Fanal"), (items[0].Kind, items[0].MediaId, items[0].Text));
        Assert.Equal(new GeoPoint(41.54, 2.44), items[1].Location);
        Assert.Equal((MessageKind.Button, "HORARI"), (items[2].Kind, items[2].Text));
        Assert.Equal(MessageKind.Other, items[3].Kind);
    }

    [Fact]
    public void Another_products_notification_or_another_field_holds_nothing_to_handle()
    {
        Assert.Empty(Read("""{"object":"page","entry":[]}""").Items!);
        Assert.Empty(Read("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{"event":"x"}}]}]}""").Items!);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account"}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"id":"x","type":"text"}]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"statuses":[{"id":"x","status":"read"}]}}]}]}""")]
    public void A_body_that_is_not_a_notification_is_an_error(string json) => Assert.Null(Read(json).Items);
}
