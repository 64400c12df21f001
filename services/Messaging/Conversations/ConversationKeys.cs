using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Messaging.Conversations;

/// <summary>
/// A conversation's stream key: <c>conversation:{channel}:{account}:ps-{pseudonym}</c>, the pseudonym a keyed digest
/// (HMAC-SHA256, first 128 bits in hex) of the chat id with the platform's secret <see cref="SecretKey"/>. The same chat
/// always finds the same conversation, but the key — copied into read models, claims, broadcast memberships, logs of
/// stream ids — names no one, and retention's masking of the events leaves no chat id behind. Keyed, not a plain digest: a
/// digest of a phone number is found again by trying every number. Streams stored under the first shape (the chat id
/// itself) are moved at start-up (<see cref="ConversationKeyMigration"/>).
/// </summary>
public sealed partial class ConversationKeys
{
    /// <summary>The secret (at least 32 characters): tools/run.sh generates it for a local run, the test platform for each
    /// run, the chart reads it from a Secret. Changing it orphans every conversation (they would start again).</summary>
    public const string SecretKey = "Messaging:ConversationKeySecret";
    public const string Prefix = "conversation:";
    public const string PseudonymPrefix = "ps-";

    private readonly byte[] secret;

    public ConversationKeys(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 32)
            throw new InvalidOperationException($"{SecretKey} must be set to a secret of at least 32 characters (tools/run.sh generates one into .local/dev-secrets.env).");
        this.secret = Encoding.UTF8.GetBytes(secret);
    }

    public static ConversationKeys From(IConfiguration configuration) => new(configuration[SecretKey]);

    /// <summary>The stream key of the conversation with a chat.</summary>
    public string For(string channel, string account, string chatId) => $"{Prefix}{channel}:{account}:{Pseudonym(chatId)}";

    public string Pseudonym(string chatId) =>
        PseudonymPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(chatId)).AsSpan(0, 16));

    /// <summary>The key's first shape, the chat id itself: only what the migration looks for (and tests make).</summary>
    public static string Legacy(string channel, string account, string chatId) => $"{Prefix}{channel}:{account}:{chatId}";

    /// <summary>The parts of a conversation key, or null for any other stream key (or a key missing a part).</summary>
    public static ConversationKey? Parse(string? key)
    {
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var channelEnd = key.IndexOf(':', Prefix.Length);
        var chatStart = key.LastIndexOf(':');
        // Channel, account and chat each present; the account may hold a colon of its own (a WhatsApp app and its number),
        // the channel and the chat never do.
        if (channelEnd <= Prefix.Length || chatStart <= channelEnd + 1 || chatStart == key.Length - 1) return null;
        var chat = key[(chatStart + 1)..];
        var shape = Shapes().Match(chat) is { Success: true } m
            ? m.Value.StartsWith(PseudonymPrefix, StringComparison.Ordinal) ? ConversationKeyShape.Pseudonymous : ConversationKeyShape.Erased
            : ConversationKeyShape.Legacy;
        return new ConversationKey(key[Prefix.Length..channelEnd], key[(channelEnd + 1)..chatStart], chat, shape);
    }

    /// <summary>Whether a conversation key is of the first shape (names its chat): its last part neither a pseudonym nor an
    /// erased conversation's random name (exactly those shapes: an e-mail address may begin with "ps-").</summary>
    public static bool IsLegacy(string key) => Parse(key) is { IsLegacy: true };

    /// <summary>The key a first-shape key moves to: the same channel and account, the chat's pseudonym.</summary>
    public string Moved(string legacyKey) =>
        Parse(legacyKey) is { IsLegacy: true } key
            ? key.WithChat(Pseudonym(key.Chat))
            : throw new ArgumentException("Not a conversation key of the first shape.", nameof(legacyKey));

    [System.Text.RegularExpressions.GeneratedRegex("^(ps-[0-9a-f]{32}|erased-[0-9a-f]{32})$")]
    private static partial System.Text.RegularExpressions.Regex Shapes();
}

/// <summary>What the last part of a conversation key is: the chat id itself (the first shape), the chat's pseudonym, or
/// an erased conversation's random name.</summary>
public enum ConversationKeyShape { Legacy, Pseudonymous, Erased }

/// <summary>A conversation key's parts (<see cref="ConversationKeys.Parse"/>): its channel, its account (a bot, a WhatsApp
/// app and number, a mailbox, an SMS sender), and its chat — a pseudonym, an erased name, or the chat id of a first-shape
/// key.</summary>
public sealed record ConversationKey(string Channel, string Account, string Chat, ConversationKeyShape Shape)
{
    public bool IsLegacy => Shape == ConversationKeyShape.Legacy;
    public bool IsErased => Shape == ConversationKeyShape.Erased;

    /// <summary>The same channel and account with another chat part (a pseudonym, an erased name).</summary>
    public string WithChat(string chat) => $"{ConversationKeys.Prefix}{Channel}:{Account}:{chat}";

    /// <summary>The key itself, put back together.</summary>
    public string Key => WithChat(Chat);
}
