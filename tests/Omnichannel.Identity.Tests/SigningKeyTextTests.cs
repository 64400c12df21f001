using System.Security.Cryptography;
using Omnichannel.Identity.Keys;

namespace Omnichannel.Identity.Tests;

/// <summary>A signing key as configuration gives it: PEM, PKCS#8 DER in base64, or the PKCS#1 DER that OpenSSL's
/// <c>genpkey -outform DER</c> writes on some versions (the local run's first key was one, and the service did not start).</summary>
public sealed class SigningKeyTextTests
{
    private static readonly RSA Rsa = RSA.Create(2048);

    [Fact]
    public void A_key_in_any_of_the_three_encodings_is_the_same_key()
    {
        var fromPkcs8 = SigningKeys.FromText(Convert.ToBase64String(Rsa.ExportPkcs8PrivateKey()));
        var fromPkcs1 = SigningKeys.FromText(Convert.ToBase64String(Rsa.ExportRSAPrivateKey()));
        var fromPem = SigningKeys.FromText(Rsa.ExportPkcs8PrivateKeyPem());

        Assert.Equal(fromPkcs8.KeyId, fromPkcs1.KeyId);
        Assert.Equal(fromPkcs8.KeyId, fromPem.KeyId);
    }

    [Fact]
    public void Text_that_is_no_key_is_refused()
    {
        Assert.ThrowsAny<CryptographicException>(() => SigningKeys.FromText(Convert.ToBase64String(new byte[64])));
    }
}
