using System.Text;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Telegram;

namespace Omnichannel.Messaging.Tests;

/// <summary>The Bot API's Update objects, read without a server.</summary>
public sealed class TelegramUpdatesTests
{
    private static TelegramUpdates.Reading Read(string json) => TelegramUpdates.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_text_message_gives_the_chat_the_text_and_the_language_the_app_uses()
    {
        var message = Assert.IsType<InboundMessage>(Read(Updates.Text(7, 4242, "Horari", "es-ES")).Update);
        Assert.Equal(("7", "4242", MessageKind.Text, "Horari", "es-ES"), (message.DeliveryId, message.ChatId, message.Kind, message.Text, message.LanguageHint));
    }

    [Fact]
    public void A_photo_keeps_the_largest_size_and_its_caption()
    {
        var message = Assert.IsType<InboundMessage>(Read("""
            {"update_id":8,"message":{"message_id":2,"chat":{"id":5,"type":"private"},"date":1,"caption":"Fanal trencat",
             "photo":[{"file_id":"small","file_unique_id":"a","width":90,"height":60},{"file_id":"large","file_unique_id":"b","width":1280,"height":853}]}}
            """).Update);
        Assert.Equal((MessageKind.Photo, "large", "Fanal trencat"), (message.Kind, message.MediaId, message.Text));
    }

    [Fact]
    public void A_location_and_a_contact_are_read_as_such()
    {
        var location = Assert.IsType<InboundMessage>(Read("""{"update_id":9,"message":{"message_id":3,"chat":{"id":5,"type":"private"},"date":1,"location":{"latitude":41.54,"longitude":2.44}}}""").Update);
        Assert.Equal((MessageKind.Location, new GeoPoint(41.54, 2.44)), (location.Kind, location.Location));
        var contact = Assert.IsType<InboundMessage>(Read("""{"update_id":10,"message":{"message_id":4,"chat":{"id":5,"type":"private"},"date":1,"contact":{"phone_number":"+34612345678","first_name":"Anna"}}}""").Update);
        Assert.Equal((MessageKind.Contact, "+34612345678"), (contact.Kind, contact.ContactPhone));
    }

    [Fact]
    public void A_button_press_is_the_chat_of_the_message_it_was_on_with_its_data()
    {
        var button = Assert.IsType<InboundMessage>(Read("""
            {"update_id":11,"callback_query":{"id":"cb1","from":{"id":77,"is_bot":false,"first_name":"A","language_code":"en"},"chat_instance":"x","data":"HORARI",
             "message":{"message_id":5,"chat":{"id":5,"type":"private"},"date":1,"text":"Tria"}}}
            """).Update);
        Assert.Equal(("5", MessageKind.Button, "HORARI"), (button.ChatId, button.Kind, button.Text));
    }

    [Fact]
    public void An_edited_message_is_marked_edited()
    {
        var edited = Assert.IsType<InboundMessage>(Read("""{"update_id":12,"edited_message":{"message_id":6,"chat":{"id":5,"type":"private"},"date":1,"edit_date":2,"text":"Horari!"}}""").Update);
        Assert.Equal((MessageKind.Edited, "Horari!"), (edited.Kind, edited.Text));
    }

    [Fact]
    public void A_citizen_blocking_the_bot_and_unblocking_it_are_read_from_my_chat_member()
    {
        Assert.True(Assert.IsType<InboundBlocked>(Read(Updates.Blocked(13, 5)).Update).Blocked);
        var unblocked = Read("""{"update_id":14,"my_chat_member":{"chat":{"id":5,"type":"private"},"from":{"id":5},"date":1,"old_chat_member":{"status":"kicked"},"new_chat_member":{"status":"member"}}}""");
        Assert.False(Assert.IsType<InboundBlocked>(unblocked.Update).Blocked);
    }

    [Theory]
    [InlineData("""{"update_id":15,"poll":{"id":"1","question":"?","options":[]}}""", "poll")]
    [InlineData("""{"update_id":16,"channel_post":{"message_id":1,"chat":{"id":-100,"type":"channel"},"date":1,"text":"x"}}""", "channel_post")]
    public void An_update_of_a_kind_not_handled_is_ignored_not_refused(string json, string what) =>
        Assert.Equal(what, Assert.IsType<InboundIgnored>(Read(json).Update).What);

    [Theory]
    [InlineData("{\"update_id\":1,\"message\":")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"message":{"message_id":1,"chat":{"id":5},"text":"x"}}""")]
    [InlineData("""{"update_id":"17","message":{"chat":{"id":5},"text":"x"}}""")]
    [InlineData("""{"update_id":18,"message":{"message_id":1,"text":"x"}}""")]
    [InlineData("""{"update_id":19,"message":"hola"}""")]
    [InlineData("""{"update_id":20,"message":{"chat":{"id":"cinc"},"text":"x"}}""")]
    public void A_body_that_is_not_an_update_is_an_error(string json)
    {
        var reading = Read(json);
        Assert.Null(reading.Update);
        Assert.False(string.IsNullOrEmpty(reading.Error));
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_an_exception()
    {
        var reading = TelegramUpdates.Read([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);
        Assert.Null(reading.Update);
    }
}
