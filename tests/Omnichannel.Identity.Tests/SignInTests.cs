using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Tests;

/// <summary>Staff sign in to the console: authorization code with PKCE, over HTTP, redirect by redirect.</summary>
public sealed class SignInTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    [Fact]
    public async Task A_member_of_staff_signs_in_with_code_and_PKCE_and_the_gateway_and_the_service_accept_the_token()
    {
        var (user, password, _) = await platform.NewStaffAsync(StaffRoles.Supervisor);
        using var browser = new Browser(platform.Identity.HttpAddress);

        var (action, form) = await browser.StartAsync();
        var redirect = await browser.FollowToClientAsync(await browser.SubmitAsync(action, form, ("username", user), ("password", password)));
        Assert.Equal(browser.State, Browser.Query(redirect, "state"));
        var (response, tokens) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var access = tokens.GetProperty("access_token").GetString()!;
        var claims = new JsonWebToken(access);
        Assert.Equal(IdentityPlatform.Council, claims.GetClaim("tenant").Value);
        Assert.Equal(["staff", StaffRoles.Supervisor], claims.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.True(tokens.TryGetProperty("id_token", out _));
        Assert.True(tokens.TryGetProperty("refresh_token", out _));

        // A staff-only route: through the gateway, and straight at the service (each checks the token by the JWKS).
        var caseId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await platform.ViaGateway(access).GetAsync($"/api/procedures/cases/{caseId}?reason=case-handling")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Procedures.Client(access).GetAsync($"/api/procedures/cases/{caseId}?reason=case-handling")).StatusCode);
    }

    [Fact]
    public async Task The_demo_councils_agent_signs_in_with_the_generated_password_and_roles_without_one_get_no_account()
    {
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();
        var redirect = await browser.FollowToClientAsync(await browser.SubmitAsync(action, form, ("username", "mataro.agent"), ("password", platform.DemoAgentPassword)));
        var (_, tokens) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret);
        Assert.Contains(StaffRoles.Agent, new JsonWebToken(tokens.GetProperty("access_token").GetString()!).Claims.Where(c => c.Type == "role").Select(c => c.Value));

        await using var scope = platform.Identity.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffAccount>>().FindByNameAsync("mataro.supervisor"));
    }

    [Fact]
    public async Task A_code_is_not_exchanged_without_the_verifier_of_its_challenge()
    {
        var (user, password, _) = await platform.NewStaffAsync();
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();
        var redirect = await browser.FollowToClientAsync(await browser.SubmitAsync(action, form, ("username", user), ("password", password)));

        var (response, body) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret, verifier: new Browser(platform.Identity.HttpAddress).Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_and_issues_no_code()
    {
        var (user, _, _) = await platform.NewStaffAsync();
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();

        var response = await browser.SubmitAsync(action, form, ("username", user), ("password", "not the password at all"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The user name or password is not correct.", await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task After_too_many_wrong_passwords_the_account_is_locked_even_for_the_right_one()
    {
        var (user, password, _) = await platform.NewStaffAsync();
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < IdentityPlatform.MaxFailedAttempts; i++)
        {
            var wrong = await browser.SubmitAsync(action, form, ("username", user), ("password", $"wrong guess number {i}"));
            statuses.Add(wrong.StatusCode);
            form = await wrong.Content.ReadAsStringAsync();
        }
        var right = await browser.SubmitAsync(action, form, ("username", user), ("password", password));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Locked], statuses);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_an_authenticator_the_password_alone_is_not_enough_and_the_code_finishes_the_sign_in()
    {
        var (user, password, key) = await platform.NewStaffAsync(withAuthenticator: true);
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();

        var afterPassword = await browser.SubmitAsync(action, form, ("username", user), ("password", password));
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        var totpPage = afterPassword.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/totp", totpPage);
        var totpForm = await (await browser.GetAsync(totpPage)).Content.ReadAsStringAsync();

        var wrongCode = (int.Parse(Authenticator.Code(key!)) + 500_000) % 1_000_000;
        var refused = await browser.SubmitAsync("/account/totp", totpForm, ("code", wrongCode.ToString("D6")));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var accepted = await browser.SubmitAsync("/account/totp", await refused.Content.ReadAsStringAsync(), ("code", Authenticator.Code(key!)));
        var redirect = await browser.FollowToClientAsync(accepted);
        var (response, _) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_member_of_staff_turns_on_the_authenticator_and_from_then_on_needs_its_code()
    {
        var (user, password, _) = await platform.NewStaffAsync();
        using (var browser = new Browser(platform.Identity.HttpAddress))
        {
            var (action, form) = await browser.StartAsync();
            await browser.FollowToClientAsync(await browser.SubmitAsync(action, form, ("username", user), ("password", password)));

            var page = await (await browser.GetAsync("/account/authenticator")).Content.ReadAsStringAsync();
            var key = System.Text.RegularExpressions.Regex.Match(page, "<code id=\"key\">([A-Z2-7]+)</code>").Groups[1].Value;
            Assert.NotEmpty(key);
            var wrong = await browser.SubmitAsync("/account/authenticator", page, ("code", ((int.Parse(Authenticator.Code(key)) + 500_000) % 1_000_000).ToString("D6")));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            var turnedOn = await browser.SubmitAsync("/account/authenticator", await wrong.Content.ReadAsStringAsync(), ("code", Authenticator.Code(key)));
            Assert.Equal(HttpStatusCode.OK, turnedOn.StatusCode);
        }

        using var next = new Browser(platform.Identity.HttpAddress);
        var (nextAction, nextForm) = await next.StartAsync();
        var afterPassword = await next.SubmitAsync(nextAction, nextForm, ("username", user), ("password", password));
        Assert.StartsWith("/account/totp", afterPassword.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_authenticator_page_is_only_for_a_signed_in_member_of_staff()
    {
        using var browser = new Browser(platform.Identity.HttpAddress);

        var response = await browser.GetAsync("/account/authenticator");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_until_it_is_revoked()
    {
        var (user, password, _) = await platform.NewStaffAsync();
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();
        var redirect = await browser.FollowToClientAsync(await browser.SubmitAsync(action, form, ("username", user), ("password", password)));
        var (_, tokens) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret);

        var (refreshed, renewed) = await browser.PostAsync("/connect/token", Refresh(tokens.GetProperty("refresh_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var refreshToken = renewed.GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound,
            (await platform.ViaGateway(renewed.GetProperty("access_token").GetString()!).GetAsync($"/api/procedures/cases/{Guid.NewGuid()}?reason=case-handling")).StatusCode);

        var (revoked, _) = await browser.PostAsync("/connect/revoke", new()
        {
            ["token"] = refreshToken, ["token_type_hint"] = "refresh_token",
            ["client_id"] = IdentityPlatform.ConsoleClientId, ["client_secret"] = platform.ConsoleSecret,
        });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var (afterRevocation, error) = await browser.PostAsync("/connect/token", Refresh(refreshToken));
        Assert.Equal(HttpStatusCode.BadRequest, afterRevocation.StatusCode);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    private Dictionary<string, string> Refresh(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
        ["client_id"] = IdentityPlatform.ConsoleClientId, ["client_secret"] = platform.ConsoleSecret,
    };
}
