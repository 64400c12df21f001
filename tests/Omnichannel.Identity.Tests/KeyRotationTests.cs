using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Omnichannel.Identity.Keys;

namespace Omnichannel.Identity.Tests;

/// <summary>A signing key rotated without downtime: while the old key is still published beside the new one, tokens it
/// signed keep working at the gateway and the services, which read the new key by themselves (no restart).</summary>
public sealed class KeyRotationTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    [Fact]
    public async Task Tokens_signed_by_the_old_key_keep_validating_while_both_keys_are_published_and_new_ones_validate_at_once()
    {
        var old = await platform.ClientTokenAsync("mataroApp");
        Assert.Equal(HttpStatusCode.OK, (await platform.ViaGateway(old).GetAsync("/api/procedures/census-certificate")).StatusCode);

        // The operator puts a new key first (it signs from now on) and keeps the old one published.
        var newKey = SigningKeys.NewKeyText();
        await platform.RestartIdentityAsync(newKey, platform.FirstKey);
        var renewed = await platform.ClientTokenAsync("mataroApp");
        Assert.NotEqual(new JsonWebToken(old).Kid, new JsonWebToken(renewed).Kid);
        var jwks = JsonDocument.Parse(await platform.Identity.Client().GetStringAsync("/.well-known/jwks")).RootElement;
        var published = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order().ToList();
        Assert.Equal(new[] { new JsonWebToken(old).Kid, new JsonWebToken(renewed).Kid }.Order().ToList(), published);

        foreach (var client in new[] { platform.ViaGateway(renewed), platform.Procedures.Client(renewed), platform.ViaGateway(old), platform.Procedures.Client(old) })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/procedures/census-certificate")).StatusCode);
    }
}
