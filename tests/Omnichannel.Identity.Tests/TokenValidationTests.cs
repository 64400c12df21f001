using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Tests;

/// <summary>Tokens of the identity service where the platform checks them: client credentials for channel apps and
/// services, the council boundary, forged tokens, and the protocol's own error format.</summary>
public sealed class TokenValidationTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    [Fact]
    public async Task A_channel_app_gets_a_token_by_client_credentials_that_reaches_client_routes_and_not_staff_ones()
    {
        var token = await platform.ClientTokenAsync("mataroApp");

        var claims = new JsonWebToken(token);
        Assert.Equal("channel-app", claims.GetClaim("role").Value);
        Assert.Equal(IdentityPlatform.Council, claims.GetClaim("tenant").Value);
        Assert.Equal(HttpStatusCode.OK, (await platform.ViaGateway(token).GetAsync("/api/procedures/census-certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.ViaGateway(token).GetAsync($"/api/procedures/cases/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Another_councils_token_does_not_reach_this_councils_data()
    {
        var ours = await platform.ClientTokenAsync("mataroApp");
        var theirs = await platform.ClientTokenAsync("badalonaApp");

        Assert.Equal(HttpStatusCode.OK, (await platform.ViaGateway(ours).GetAsync("/api/procedures/census-certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.ViaGateway(theirs).GetAsync("/api/procedures/census-certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Procedures.Client(theirs).GetAsync("/api/procedures/census-certificate")).StatusCode);
    }

    [Fact]
    public async Task A_member_of_another_councils_staff_does_not_see_this_councils_catalogue()
    {
        var (user, password, _) = await platform.NewStaffAsync(StaffRoles.Administrator, council: IdentityPlatform.OtherCouncil);
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();
        var redirect = await browser.FollowToClientAsync(await browser.SubmitAsync(action, form, ("username", user), ("password", password)));
        var (_, tokens) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret);

        var response = await platform.ViaGateway(tokens.GetProperty("access_token").GetString()!).GetAsync("/api/procedures/census-certificate");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_service_client_names_the_council_it_acts_for_and_gets_a_service_token_refused_on_REST_routes()
    {
        var token = await platform.ClientTokenAsync("platformServices", tenant: IdentityPlatform.Council);

        var claims = new JsonWebToken(token);
        Assert.Equal("service", claims.GetClaim("role").Value);
        Assert.Equal(IdentityPlatform.Council, claims.GetClaim("tenant").Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.ViaGateway(token).GetAsync("/api/procedures/census-certificate")).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused_by_the_gateway_and_by_the_service()
    {
        // Everything a real token has — issuer, audience, the published key's id, staff role, council — but signed
        // with a key the identity service never published; and one signed with a shared secret nobody here configures.
        var genuine = new JsonWebToken(await platform.ClientTokenAsync("mataroApp"));
        using var rsa = RSA.Create(2048);
        var forgedKey = new RsaSecurityKey(rsa) { KeyId = genuine.Kid };
        string Forge(SigningCredentials credentials) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = genuine.Issuer,
            Audience = "omnichannel",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("sub", "intruder"), new Claim("role", "staff"), new Claim("tenant", IdentityPlatform.Council)]),
            SigningCredentials = credentials,
        });
        var forged = new[]
        {
            Forge(new SigningCredentials(forgedKey, SecurityAlgorithms.RsaSha256)),
            Forge(new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(48)), SecurityAlgorithms.HmacSha256)),
        };

        foreach (var token in forged)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await platform.ViaGateway(token).GetAsync("/api/procedures/census-certificate")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Procedures.Client(token).GetAsync("/api/procedures/census-certificate")).StatusCode);
        }
    }

    [Fact]
    public async Task A_client_with_a_wrong_secret_gets_an_RFC_6749_error_not_a_token()
    {
        using var response = await platform.Identity.Client().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "mataro-app", ["client_secret"] = "not the secret",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("grant_type=password&username=a&password=b&client_id=mataro-app")]
    [InlineData("grant_type=client_credentials")]
    [InlineData("grant_type=%00&client_id=%00")]
    [InlineData("")]
    public async Task Malformed_token_requests_get_an_RFC_6749_JSON_error_never_a_500(string body)
    {
        using var response = await platform.Identity.Client().PostAsync("/connect/token", new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.True((int)response.StatusCode is 400 or 401, $"{(int)response.StatusCode}");
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task The_login_form_refuses_a_post_without_its_antiforgery_token_and_a_body_that_is_not_a_form()
    {
        using var client = platform.Identity.Client();
        var noToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "x", ["password"] = "y" }));
        var json = await client.PostAsync("/account/login", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }
}
