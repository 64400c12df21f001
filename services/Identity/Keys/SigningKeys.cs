using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.Identity.Keys;

/// <summary>
/// The keys of the identity service, from configuration only (secrets; never in the repository):
/// <c>Identity:SigningKeys:0</c>, <c>:1</c>, … are RSA private keys (PKCS#8, DER in base64, or PEM). The first one
/// signs; every one is published in the JWKS, so a rotation is: add the new key at the end (published, not used yet;
/// validators pick it up at their next metadata refresh), move it to the front (it signs now, the old one is still
/// published, so tokens signed before keep validating), and drop the old one once the longest-lived token it signed
/// has expired. <c>Identity:EncryptionKey</c> (at least 32 characters) seals authorization codes and refresh tokens,
/// which only this service reads.
/// </summary>
public static class SigningKeys
{
    public const string Section = "Identity:SigningKeys";
    public const string EncryptionKeySetting = "Identity:EncryptionKey";

    public static IReadOnlyList<RsaSecurityKey> Read(IConfiguration configuration)
    {
        var values = configuration.GetSection(Section).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue)
            .Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (values.Count == 0)
            throw new InvalidOperationException($"{Section}:0 (environment variable Identity__SigningKeys__0) must hold the RSA signing key (PKCS#8, base64 DER or PEM); tools/run.sh generates a local one.");
        return values.Select(v => FromText(v!)).ToList();
    }

    public static SymmetricSecurityKey EncryptionKey(IConfiguration configuration)
    {
        var secret = configuration[EncryptionKeySetting];
        if (secret is null || secret.Length < 32)
            throw new InvalidOperationException($"{EncryptionKeySetting} (environment variable Identity__EncryptionKey) must be set, at least 32 characters.");
        return new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static RsaSecurityKey FromText(string text)
    {
        var rsa = RSA.Create();
        text = text.Trim();
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal)) rsa.ImportFromPem(text);
        else
        {
            // PKCS#8, or the RSA-only PKCS#1 that some OpenSSL versions write for `genpkey -outform DER`.
            var der = Convert.FromBase64String(text);
            try { rsa.ImportPkcs8PrivateKey(der, out _); }
            catch (CryptographicException) { rsa.ImportRSAPrivateKey(der, out _); }
        }
        var key = new RsaSecurityKey(rsa);
        // A stable key id (the JWK thumbprint), so validators find the key a token names among the published ones.
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))).ComputeJwkThumbprint());
        return key;
    }

    /// <summary>A new key in the form configuration takes (for tests and tools).</summary>
    public static string NewKeyText()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }
}
