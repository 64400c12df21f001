using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Media;

namespace Omnichannel.Messaging.Tests;

/// <summary>One reading of a conversation key's shape — channel, account (which may hold a colon), chat — and whether
/// its chat part is the chat id itself, a pseudonym or an erased name; the migration, erasure, chat media and usage
/// statistics all read keys through it.</summary>
public sealed class ConversationKeyParsingTests
{
    private const string Pseudonym = "ps-0123456789abcdef0123456789abcdef";
    private const string Erased = "erased-0123456789abcdef0123456789abcdef";
    private static readonly ConversationKeys Keys = new(new string('k', 32));

    [Fact]
    public void A_pseudonymous_key_gives_its_channel_account_and_pseudonym_and_is_not_legacy()
    {
        var key = ConversationKeys.Parse($"conversation:telegram:citymes:{Pseudonym}");
        Assert.Equal(new ConversationKey("telegram", "citymes", Pseudonym, ConversationKeyShape.Pseudonymous), key);
        Assert.False(key!.IsLegacy);
        Assert.False(key.IsErased);
    }

    [Fact]
    public void A_whatsapp_account_keeps_its_own_colon_and_the_chat_is_the_last_part()
    {
        var key = ConversationKeys.Parse("conversation:whatsapp:mataro-app:1234567890:34600111222");
        Assert.Equal(new ConversationKey("whatsapp", "mataro-app:1234567890", "34600111222", ConversationKeyShape.Legacy), key);
        Assert.Equal("conversation:whatsapp:mataro-app:1234567890:34600111222", key!.Key);
    }

    [Fact]
    public void A_key_naming_its_chat_is_legacy_and_an_erased_one_is_not()
    {
        Assert.True(ConversationKeys.Parse("conversation:telegram:citymes:42")!.IsLegacy);
        Assert.True(ConversationKeys.IsLegacy("conversation:telegram:citymes:42"));
        var erased = ConversationKeys.Parse($"conversation:telegram:citymes:{Erased}");
        Assert.Equal(ConversationKeyShape.Erased, erased!.Shape);
        Assert.False(ConversationKeys.IsLegacy(erased.Key));
        Assert.False(ConversationKeys.IsLegacy($"conversation:telegram:citymes:{Pseudonym}"));
    }

    [Theory]
    [InlineData("ps-someone@example.org")]
    [InlineData("erased-note@example.org")]
    [InlineData("PS-0123456789ABCDEF0123456789ABCDEF")]
    public void A_chat_id_that_only_looks_like_a_pseudonym_is_still_legacy(string chat) =>
        Assert.True(ConversationKeys.Parse($"conversation:email:ajuntament:{chat}")!.IsLegacy);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("appointment:1234")]
    [InlineData("conversation:")]
    [InlineData("conversation:telegram")]
    [InlineData("conversation:telegram:42")]
    [InlineData("conversation::citymes:42")]
    [InlineData("conversation:telegram::42")]
    [InlineData("conversation:telegram:citymes:")]
    public void Anything_but_a_whole_conversation_key_parses_to_nothing(string? text)
    {
        Assert.Null(ConversationKeys.Parse(text));
        if (text is not null) Assert.False(ConversationKeys.IsLegacy(text));
    }

    [Fact]
    public void A_legacy_key_moves_to_the_same_channel_and_account_with_the_chats_pseudonym()
    {
        var moved = Keys.Moved("conversation:whatsapp:mataro-app:1234567890:34600111222");
        Assert.Equal($"conversation:whatsapp:mataro-app:1234567890:{Keys.Pseudonym("34600111222")}", moved);
        Assert.Equal(Keys.For("whatsapp", "mataro-app:1234567890", "34600111222"), moved);
        Assert.Equal(ConversationKeyShape.Pseudonymous, ConversationKeys.Parse(moved)!.Shape);
    }

    [Fact]
    public void Chat_media_reads_only_telegram_and_whatsapp_conversations()
    {
        Assert.Equal<(string, string)?>(("whatsapp", "mataro-app:1234567890"), ChatMediaFetching.Account($"conversation:whatsapp:mataro-app:1234567890:{Pseudonym}"));
        Assert.Equal<(string, string)?>(("telegram", "citymes"), ChatMediaFetching.Account($"conversation:telegram:citymes:{Pseudonym}"));
        Assert.Null(ChatMediaFetching.Account($"conversation:email:ajuntament:{Pseudonym}"));
        Assert.Null(ChatMediaFetching.Account("conversation:telegram:42"));
    }
}
