using System.Security.Cryptography;
using System.Text;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Kiosks.Credentials;

/// <summary>
/// A kiosk's device credential: "{council}.{kioskId}.{secret}", shown once. The secret is 256 random bits; only a salted
/// PBKDF2-SHA256 hash of it is stored (in the credential's event), and a presented secret is compared in constant time.
/// With a secret that random, the key derivation is defence in depth for a leaked event store, not a guard against
/// guessing, so a modest iteration count keeps a sign-in cheap.
/// </summary>
public static class DeviceCredentials
{
    private const int Iterations = 10_000;
    private const int HashBytes = 32;

    /// <summary>The credential to show once, and what is stored of it.</summary>
    public sealed record Issued(string Credential, StoredCredential Stored);

    public static Issued New(string tenant, string kioskId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var id = Base64Url(RandomNumberGenerator.GetBytes(9));
        return new Issued($"{tenant}.{kioskId}.{secret}", new StoredCredential(id, Convert.ToBase64String(salt), Convert.ToBase64String(Hash(secret, salt))));
    }

    /// <summary>A presented credential's parts; null when it is not shaped like one (answered like a wrong one: 401).</summary>
    public static (string Tenant, string KioskId, string Secret)? Parse(string? credential)
    {
        if (credential is null || credential.Length > 200) return null;
        var parts = credential.Trim().Split('.');
        if (parts.Length != 3 || !RequestContext.IsValidTenantId(parts[0]) || parts[2].Length < 40) return null;
        if (KioskCodes.Kiosk.Normalize(parts[1]) is not { } kioskId) return null;
        return (parts[0], kioskId, parts[2]);
    }

    /// <summary>The stored credential the secret matches, current first; null when none does.</summary>
    public static StoredCredential? Match(string secret, params StoredCredential?[] candidates)
    {
        foreach (var stored in candidates)
        {
            if (stored is null) continue;
            var expected = Convert.FromBase64String(stored.Hash);
            if (CryptographicOperations.FixedTimeEquals(Hash(secret, Convert.FromBase64String(stored.Salt)), expected)) return stored;
        }
        return null;
    }

    private static byte[] Hash(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
