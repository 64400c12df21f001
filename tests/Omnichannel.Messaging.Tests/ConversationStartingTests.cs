using System.Net;

namespace Omnichannel.Messaging.Tests;

/// <summary>A first message from a chat: linked to the citizen when the directory knows the identity, in their language.</summary>
[Collection(Collections.Webhooks)]
public sealed class ConversationStartingTests(MessagingPlatform platform)
{
    [Fact]
    public async Task A_chat_the_directory_knows_is_linked_to_the_citizen_and_held_in_their_preferred_language()
    {
        var chat = Updates.NewChat();
        var citizen = await platform.RegisterCitizenAsync("en", telegramChatId: chat);

        // Catalan words and a Catalan app: the citizen's own preference still wins.
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Bon dia", "ca"))).StatusCode);

        var conversation = await platform.TelegramConversationAsync(chat);
        Assert.Equal((citizen, "en"), (conversation!.CitizenId, conversation.Language));
    }

    [Fact]
    public async Task An_unknown_chat_is_unlinked_and_held_in_the_language_of_its_first_message()
    {
        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Buenos días, quiero pedir cita", "fr"));
        var conversation = await platform.TelegramConversationAsync(chat);
        Assert.Equal((null, "es"), (conversation!.CitizenId, conversation.Language));
    }

    [Fact]
    public async Task A_whatsapp_number_the_directory_knows_is_linked_to_the_citizen()
    {
        var waId = Notifications.NewWaId();
        var citizen = await platform.RegisterCitizenAsync("es", whatsAppNumber: "+" + waId);
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "Hello"));
        var started = Assert.Single((await platform.WhatsAppEventsAsync(waId)).OfType<Omnichannel.Messaging.Conversations.ConversationStarted>());
        Assert.Equal((citizen, "es"), (started.CitizenId, started.Language));
    }
}
