using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Omnichannel.Testing;

namespace Omnichannel.Identity.Tests;

/// <summary>
/// A council's own OpenID Connect provider (Entra ID, Keycloak…) by configuration: the procedures service validates its
/// tokens by its discovery document and JWKS and reads its claims through the mapping — <c>groups</c> to platform
/// roles, <c>council</c> to the council. The provider cannot exist here, so a small stand-in serves its real wire
/// format (discovery and JWKS over HTTP) and signs tokens with its own RSA key.
/// </summary>
public sealed class FederationTests : IAsyncLifetime
{
    private const string Audience = "api://omnichannel";
    private readonly RSA rsa = RSA.Create(2048);
    private WebApplication provider = null!;
    private string issuer = null!;
    private ServiceHost<Procedures.Program> procedures = null!;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        issuer = $"http://127.0.0.1:{port}/realms/council";
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "council-key-1" });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        provider = builder.Build();
        provider.MapGet("/realms/council/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer, ["jwks_uri"] = $"{issuer}/protocol/openid-connect/certs", ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        provider.MapGet("/realms/council/protocol/openid-connect/certs", () => Results.Json(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.Kid, n = key.N, e = key.E } },
        }));
        await provider.StartAsync();

        var settings = await TestServers.NewPlatformSettingsAsync(new Tokens());
        settings.Remove("Auth:SigningKey");
        settings["Auth:Authority"] = issuer;
        settings["Auth:RequireHttpsMetadata"] = "false";
        settings["Auth:Audience"] = Audience;
        settings["Auth:Claims:Role"] = "groups";
        settings["Auth:Claims:Roles:Omnichannel-Agents"] = "staff,agent";
        settings["Auth:Claims:Roles:Omnichannel-Kiosk-Apps"] = "channel-app";
        settings["Auth:Claims:Tenant"] = "council";
        settings["Auth:Claims:Councils:ajuntament-de-mataro"] = IdentityPlatform.Council;
        settings["DemoData:Enabled"] = "true";
        settings["DemoData:Tenants:0"] = IdentityPlatform.Council;
        procedures = new ServiceHost<Procedures.Program>(settings, withGrpc: true);
        procedures.Start();
        await Eventually.Until(async () => (await procedures.Client(Token(["Omnichannel-Kiosk-Apps"])).GetAsync("/api/procedures/census-certificate")).StatusCode,
            s => s == HttpStatusCode.OK, what: "the demo catalogue, read with a federated token");
    }

    private string Token(string[] groups, string council = "ajuntament-de-mataro") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = Audience,
        Expires = DateTime.UtcNow.AddMinutes(10),
        Subject = new ClaimsIdentity([new Claim("sub", "someone@ajmataro.cat"), new Claim("council", council), .. groups.Select(g => new Claim("groups", g))]),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "council-key-1" }, SecurityAlgorithms.RsaSha256),
    });

    [Fact]
    public async Task A_federated_token_gets_the_platform_role_and_council_its_mapping_gives()
    {
        var caseId = Guid.NewGuid();

        var agent = await procedures.Client(Token(["Omnichannel-Agents", "Everyone"])).GetAsync($"/api/procedures/cases/{caseId}?reason=case-handling");
        var app = await procedures.Client(Token(["Omnichannel-Kiosk-Apps"])).GetAsync($"/api/procedures/cases/{caseId}?reason=case-handling");

        Assert.Equal(HttpStatusCode.NotFound, agent.StatusCode); // through the staff policy: the case just does not exist
        Assert.Equal(HttpStatusCode.Forbidden, app.StatusCode);
    }

    [Fact]
    public async Task Unmapped_groups_and_unmapped_councils_give_nothing()
    {
        var unmappedGroup = await procedures.Client(Token(["Everyone", "staff"])).GetAsync("/api/procedures/census-certificate");
        var unmappedCouncil = await procedures.Client(Token(["Omnichannel-Agents"], council: "another-town")).GetAsync("/api/procedures/census-certificate");

        Assert.Equal(HttpStatusCode.Forbidden, unmappedGroup.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unmappedCouncil.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (procedures is not null) await procedures.DisposeAsync();
        if (provider is not null) await provider.DisposeAsync();
        rsa.Dispose();
    }
}
