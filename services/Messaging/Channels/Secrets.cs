using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Messaging.Channels;

/// <summary>Comparisons of what a caller presents with what only the platform and the chat provider know, in constant
/// time: an attacker timing the answers learns nothing about how much of a guess was right.</summary>
public static class Secrets
{
    /// <summary>Whether <paramref name="presented"/> is the configured secret. No secret configured → never.</summary>
    public static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(expected) || presented is null) return false;
        // Hashing first makes both sides the same length, so not even the length leaks.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>Whether <paramref name="signatureHeader"/> (<c>sha256=&lt;hex&gt;</c>) is the HMAC-SHA256 of the raw body under the app secret.</summary>
    public static bool SignatureMatches(string? signatureHeader, ReadOnlySpan<byte> rawBody, string? appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || signatureHeader is null || !signatureHeader.StartsWith("sha256=", StringComparison.Ordinal)) return false;
        byte[] presented;
        try { presented = Convert.FromHexString(signatureHeader.AsSpan("sha256=".Length)); }
        catch (FormatException) { return false; }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), rawBody);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    public static string Sign(ReadOnlySpan<byte> rawBody, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), rawBody));
}
