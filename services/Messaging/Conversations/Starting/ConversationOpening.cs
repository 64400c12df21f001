using Grpc.Core;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations.Receiving;

namespace Omnichannel.Messaging.Conversations.Starting;

/// <summary>
/// A first message from a chat: who is it? The citizens directory is asked for the channel identity (Telegram chat
/// id, WhatsApp number); a known citizen's conversation is linked to them and held in their preferred language, an
/// unknown one in the language of the message (<see cref="LanguageDetection"/>). The directory being down does not
/// keep the citizen waiting: the conversation opens unlinked (keywords still answer).
/// </summary>
public sealed class ConversationOpening(CitizenDirectory.CitizenDirectoryClient directory, ILogger<ConversationOpening> logger)
{
    public async Task<Opening> OpenAsync(ChannelAccount account, InboundMessage message, CancellationToken ct)
    {
        var detected = LanguageDetection.Detect(message.LanguageHint, message.Text);
        var citizen = await FindAsync(account.Channel, message.ChatId, ct);
        var language = LanguageDetection.Hint(citizen?.PreferredLanguage) ?? detected;
        Guid? citizenId = citizen is not null && Guid.TryParse(citizen.CitizenId, out var id) ? id : null;
        return new Opening(account.Channel, account.Name, message.ChatId, language, citizenId);
    }

    /// <summary>The kind of identity a channel's chat id is in the citizens directory: an SMS conversation's is the phone.</summary>
    public static string DirectoryKind(string channel) => channel == Omnichannel.Contracts.Channels.Sms ? "phone" : channel;

    /// <summary>The identity as the citizens directory keeps it: a WhatsApp id is the number without its '+'.</summary>
    public static string DirectoryValue(string channel, string chatId) =>
        channel == Omnichannel.Contracts.Channels.WhatsApp ? "+" + chatId : chatId;

    private async Task<CitizenReply?> FindAsync(string channel, string chatId, CancellationToken ct)
    {
        try
        {
            return await directory.FindByIdentityAsync(new FindByIdentityRequest { Kind = DirectoryKind(channel), Value = DirectoryValue(channel, chatId) }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
        catch (Exception e) when (e is RpcException || NeighbourUnavailable.IsOutage(e, ct))
        {
            logger.LogWarning("The citizens directory did not answer ({Status}); a {Channel} conversation opens unlinked", (e as RpcException)?.StatusCode, channel);
            return null;
        }
    }
}
