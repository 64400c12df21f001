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

    /// <summary>Whether a conversation key is of the first shape (names its chat): its last part neither a pseudonym nor an
    /// erased conversation's random name (exactly those shapes: an e-mail address may begin with "ps-").</summary>
    public static bool IsLegacy(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) && key.LastIndexOf(':') is var last && last >= Prefix.Length
        && key[(last + 1)..] is { Length: > 0 } tail && !Shapes().IsMatch(tail);

    /// <summary>The key a first-shape key moves to: the same channel and account, the chat's pseudonym.</summary>
    public string Moved(string legacyKey) => legacyKey[..(legacyKey.LastIndexOf(':') + 1)] + Pseudonym(legacyKey[(legacyKey.LastIndexOf(':') + 1)..]);

    [System.Text.RegularExpressions.GeneratedRegex("^(ps-[0-9a-f]{32}|erased-[0-9a-f]{32})$")]
    private static partial System.Text.RegularExpressions.Regex Shapes();
}
