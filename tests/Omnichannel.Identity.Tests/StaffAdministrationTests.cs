using System.Net;
using Grpc.Core;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Omnichannel.Identity.Accounts;
using Omnichannel.Testing;

namespace Omnichannel.Identity.Tests;

/// <summary>A council's administrator manages its staff accounts through the gateway with the token they signed in
/// for: what they change is what the sign-in then does, within their own council only, and every change is audited.</summary>
public sealed class StaffAdministrationTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    private const string Staff = "/api/identity/staff";

    [Fact]
    public async Task An_account_an_administrator_creates_signs_in_with_its_temporary_password()
    {
        var (admin, adminId) = await AdministratorAsync();
        var userName = NewUserName();

        var created = await admin.PostAsJsonAsync(Staff, new { userName, fullName = "Joana Garcia", email = "joana@example.com", role = "agent" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var password = body.GetProperty("temporaryPassword").GetString()!;
        var account = body.GetProperty("account");
        Assert.Equal("agent", account.GetProperty("role").GetString());
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.True(account.GetProperty("passwordChangeDue").GetBoolean());
        var tokens = await SignInAsync(userName, password, newPassword: "a passphrase of Joana's own");
        Assert.Contains("agent", new JsonWebToken(tokens.GetProperty("access_token").GetString()!).Claims.Where(c => c.Type == "role").Select(c => c.Value));

        var listed = (await admin.GetFromJsonAsync<JsonElement>(Staff)).EnumerateArray().Single(a => a.GetProperty("userName").GetString() == userName);
        Assert.Equal("Joana Garcia", listed.GetProperty("fullName").GetString());
        Assert.False(listed.GetProperty("passwordChangeDue").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastSignInAt").ValueKind);
        var audit = await admin.GetStringAsync($"/api/identity/staff-audit?accountId={account.GetProperty("accountId").GetString()}");
        var entry = JsonDocument.Parse(audit).RootElement.EnumerateArray().Single();
        Assert.Equal("account-created", entry.GetProperty("action").GetString());
        Assert.DoesNotContain(password, audit);
        Assert.NotEqual(adminId, entry.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task The_new_password_chosen_after_a_temporary_one_must_be_repeated_and_follow_the_rules()
    {
        var (admin, _) = await AdministratorAsync();
        var userName = NewUserName();
        var created = await (await admin.PostAsJsonAsync(Staff, new { userName, fullName = "Pau Vidal", role = "supervisor" })).Content.ReadFromJsonAsync<JsonElement>();
        var temporary = created.GetProperty("temporaryPassword").GetString()!;
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();
        var html = await NewPasswordFormAsync(browser, await browser.SubmitAsync(action, form, ("username", userName), ("password", temporary)));

        var mismatch = await browser.SubmitAsync(NewPasswordPath, html, ("newPassword", "a long enough passphrase"), ("confirmPassword", "another long passphrase"));
        var tooShort = await browser.SubmitAsync(NewPasswordPath, await mismatch.Content.ReadAsStringAsync(), ("newPassword", "short"), ("confirmPassword", "short"));
        var same = await browser.SubmitAsync(NewPasswordPath, await tooShort.Content.ReadAsStringAsync(), ("newPassword", temporary), ("confirmPassword", temporary));
        var chosen = await browser.SubmitAsync(NewPasswordPath, await same.Content.ReadAsStringAsync(), ("newPassword", "Pau's own passphrase"), ("confirmPassword", "Pau's own passphrase"));

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("not the same", await mismatch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        var redirect = await browser.FollowToClientAsync(chosen);
        Assert.Equal(HttpStatusCode.OK, (await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret)).Response.StatusCode);
        await SignInAsync(userName, "Pau's own passphrase");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_refresh_token_is_refused_until_it_is_enabled_again()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, password, _) = await platform.NewStaffAsync();
        var tokens = await SignInAsync(user, password);
        var id = await AccountIdAsync(admin, user);

        var disabled = await admin.PostAsync($"{Staff}/{id}/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        var (refreshed, refusal) = await RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
        using (var browser = new Browser(platform.Identity.HttpAddress))
        {
            var (action, form) = await browser.StartAsync();
            var refused = await browser.SubmitAsync(action, form, ("username", user), ("password", password));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Staff}/{id}/enable", null)).StatusCode);
        await SignInAsync(user, password);
        var actions = await AuditActionsAsync(admin, id);
        Assert.Equal(["account-enabled", "account-disabled"], actions);
    }

    [Fact]
    public async Task A_disabled_account_s_access_token_is_refused_at_once_on_rest_and_grpc_and_a_new_one_works_once_enabled_again()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, password, _) = await platform.NewStaffAsync();
        var (colleague, colleaguePassword, _) = await platform.NewStaffAsync();
        var token = (await SignInAsync(user, password)).GetProperty("access_token").GetString()!;
        var colleagueToken = (await SignInAsync(colleague, colleaguePassword)).GetProperty("access_token").GetString()!;
        var id = await AccountIdAsync(admin, user);
        Assert.Equal(HttpStatusCode.OK, await CaseInboxAsync(token));
        Assert.Equal(StatusCode.PermissionDenied, await GrpcAsync(token)); // a member of staff's token reaches no gRPC method

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Staff}/{id}/disable", null)).StatusCode);

        await Eventually.Until(() => CaseInboxAsync(token), s => s == HttpStatusCode.Unauthorized, what: "the disabled account's token refused on REST");
        Assert.Equal(StatusCode.Unauthenticated, await GrpcAsync(token));
        Assert.Equal(HttpStatusCode.OK, await CaseInboxAsync(colleagueToken));
        // An instance started after the disabling (a restart, a new replica) reads it from the identity service.
        await using (var started = platform.NewProcedures())
        {
            started.Start();
            await Eventually.Until(() => CaseInboxAsync(token, started), s => s == HttpStatusCode.Unauthorized, what: "the disabled account's token refused after a restart");
            Assert.Equal(HttpStatusCode.OK, await CaseInboxAsync(colleagueToken, started));
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Staff}/{id}/enable", null)).StatusCode);
        var renewed = (await SignInAsync(user, password)).GetProperty("access_token").GetString()!;

        await Eventually.Until(() => CaseInboxAsync(renewed), s => s == HttpStatusCode.OK, what: "the token issued after enabling again");
        Assert.Equal(HttpStatusCode.Unauthorized, await CaseInboxAsync(token)); // issued before the disabling: still refused
    }

    /// <summary>The procedures service's case inbox (staff only), with <paramref name="token"/>.</summary>
    private async Task<HttpStatusCode> CaseInboxAsync(string token, Testing.ServiceHost<Procedures.Program>? procedures = null)
    {
        using var client = (procedures ?? platform.Procedures).Client(token);
        using var response = await client.GetAsync("/api/procedures/cases");
        return response.StatusCode;
    }

    /// <summary>A gRPC call to the procedures service with <paramref name="token"/>: its status.</summary>
    private async Task<StatusCode> GrpcAsync(string token)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(platform.Procedures.GrpcAddress!);
        var catalogue = new Contracts.Grpc.Procedures.V1.ProcedureCatalogue.ProcedureCatalogueClient(channel);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await catalogue.GetProcedureAsync(
            new Contracts.Grpc.Procedures.V1.GetProcedureRequest { Code = "census-certificate" }, new Metadata { { "authorization", $"Bearer {token}" } }));
        return refused.StatusCode;
    }

    [Fact]
    public async Task Unlocking_lets_a_locked_out_account_in_at_once()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, password, _) = await platform.NewStaffAsync();
        using (var browser = new Browser(platform.Identity.HttpAddress))
        {
            var (action, form) = await browser.StartAsync();
            for (var i = 0; i < IdentityPlatform.MaxFailedAttempts; i++)
                form = await (await browser.SubmitAsync(action, form, ("username", user), ("password", $"wrong guess {i}"))).Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Locked, (await browser.SubmitAsync(action, form, ("username", user), ("password", password))).StatusCode);
        }
        var id = await AccountIdAsync(admin, user);
        var locked = await admin.GetFromJsonAsync<JsonElement>($"{Staff}/{id}");
        Assert.True(locked.GetProperty("lockedOut").GetBoolean());

        var unlocked = await admin.PostAsync($"{Staff}/{id}/unlock", null);

        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.False((await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockedOut").GetBoolean());
        await SignInAsync(user, password);
        Assert.Equal(["account-unlocked"], await AuditActionsAsync(admin, id));
    }

    [Fact]
    public async Task Another_councils_administrator_neither_sees_nor_changes_this_councils_staff()
    {
        var (mataro, _) = await AdministratorAsync();
        var (user, _, _) = await platform.NewStaffAsync();
        var id = await AccountIdAsync(mataro, user);
        var (badalona, _) = await AdministratorAsync(IdentityPlatform.OtherCouncil);

        var list = await badalona.GetFromJsonAsync<JsonElement>(Staff);

        Assert.DoesNotContain(list.EnumerateArray(), a => a.GetProperty("accountId").GetString() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await badalona.GetAsync($"{Staff}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await badalona.PostAsync($"{Staff}/{id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await badalona.PutAsJsonAsync($"{Staff}/{id}/role", new { role = "administrator" })).StatusCode);
        Assert.False((await mataro.GetFromJsonAsync<JsonElement>($"{Staff}/{id}")).GetProperty("disabled").GetBoolean());
        Assert.Empty(JsonDocument.Parse(await badalona.GetStringAsync($"/api/identity/staff-audit?accountId={id}")).RootElement.EnumerateArray());
    }

    [Theory]
    [InlineData(StaffRoles.Agent)]
    [InlineData(StaffRoles.Supervisor)]
    [InlineData(StaffRoles.DataProtectionOfficer)]
    public async Task Staff_who_are_not_administrators_are_refused(string role)
    {
        var (user, password, _) = await platform.NewStaffAsync(role);
        var client = platform.ViaGateway((await SignInAsync(user, password)).GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Staff)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Staff, new { userName = NewUserName(), fullName = "X Y", role = "administrator" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/identity/staff-audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.ViaGateway(await platform.ClientTokenAsync("mataroApp")).GetAsync(Staff)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_or_demote_themselves()
    {
        var (admin, adminId) = await AdministratorAsync();

        var disable = await admin.PostAsync($"{Staff}/{adminId}/disable", null);
        var demote = await admin.PutAsJsonAsync($"{Staff}/{adminId}/role", new { role = "agent" });

        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Contains("your own account", await disable.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Contains("from yourself", await demote.Content.ReadAsStringAsync());
        var self = await admin.GetFromJsonAsync<JsonElement>($"{Staff}/{adminId}");
        Assert.Equal("administrator", self.GetProperty("role").GetString());
        Assert.False(self.GetProperty("disabled").GetBoolean());
    }

    [Theory]
    [InlineData("""{"userName":"","fullName":"Anna","role":"agent"}""", "userName")]
    [InlineData("""{"userName":"amb espais","fullName":"Anna","role":"agent"}""", "userName")]
    [InlineData("""{"userName":"mataro.anna.x","fullName":"Anna","role":"king"}""", "role")]
    [InlineData("""{"userName":"mataro.anna.y","fullName":"","role":"agent"}""", "fullName")]
    [InlineData("""{"userName":"mataro.anna.z","fullName":"Anna","email":"not an address","role":"agent"}""", "email")]
    [InlineData("""{"userName":"mataro.anna.w","fullName":"Anna","role":"agent","password":"x"}""", "password")]
    public async Task A_bad_new_account_is_a_400_naming_the_field(string body, string field)
    {
        var (admin, _) = await AdministratorAsync();

        var response = await admin.PostAsync(Staff, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_user_name_already_taken_is_a_400_naming_it()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, _, _) = await platform.NewStaffAsync();

        var response = await admin.PostAsJsonAsync(Staff, new { userName = user, fullName = "Someone Else", role = "agent" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("userName", out _));
    }

    [Fact]
    public async Task A_change_with_a_stale_if_match_is_a_412_and_changes_nothing()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, _, _) = await platform.NewStaffAsync();
        var id = await AccountIdAsync(admin, user);
        var read = await admin.GetAsync($"{Staff}/{id}");
        var etag = read.Headers.ETag!;
        Assert.Equal(HttpStatusCode.OK, (await Send(admin, HttpMethod.Put, $"{Staff}/{id}/role", new { role = "supervisor" }, etag)).StatusCode);

        var stale = await Send(admin, HttpMethod.Put, $"{Staff}/{id}/role", new { role = "back-office" }, etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("supervisor", (await admin.GetFromJsonAsync<JsonElement>($"{Staff}/{id}")).GetProperty("role").GetString());
        Assert.Equal(["role-changed"], await AuditActionsAsync(admin, id));
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_ends_the_accounts_refresh_tokens()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, password, _) = await platform.NewStaffAsync();
        var tokens = await SignInAsync(user, password);
        var id = await AccountIdAsync(admin, user);

        var reset = await admin.PostAsync($"{Staff}/{id}/password-reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var temporary = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(tokens.GetProperty("refresh_token").GetString()!)).Response.StatusCode);
        using (var browser = new Browser(platform.Identity.HttpAddress))
        {
            var (action, form) = await browser.StartAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SubmitAsync(action, form, ("username", user), ("password", password))).StatusCode);
        }
        await SignInAsync(user, temporary, newPassword: "my own passphrase after the reset");
        Assert.DoesNotContain(temporary, await admin.GetStringAsync("/api/identity/staff-audit"));
    }

    [Fact]
    public async Task After_an_authenticator_reset_the_password_alone_signs_in()
    {
        var (admin, _) = await AdministratorAsync();
        var (user, password, _) = await platform.NewStaffAsync(withAuthenticator: true);
        var id = await AccountIdAsync(admin, user);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"{Staff}/{id}")).GetProperty("authenticatorEnabled").GetBoolean());

        var reset = await admin.PostAsync($"{Staff}/{id}/authenticator-reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False((await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authenticatorEnabled").GetBoolean());
        await SignInAsync(user, password);
        Assert.Equal(["authenticator-reset"], await AuditActionsAsync(admin, id));
    }

    [Fact]
    public void The_rules_refuse_an_administrator_disabling_or_demoting_themselves_and_nobody_else()
    {
        var me = new StaffAccount { Id = "me", StaffRole = StaffRoles.Administrator };
        var colleague = new StaffAccount { Id = "colleague", StaffRole = StaffRoles.Administrator };
        var by = new Administering.Administrator("me", "mataro.admin", "mataro");

        Assert.Throws<BuildingBlocks.Domain.Rejection>(() => Administering.AdministrationRules.MayDisable(by, me));
        Assert.Throws<BuildingBlocks.Domain.Rejection>(() => Administering.AdministrationRules.MayChangeRole(by, me, StaffRoles.Agent));
        Administering.AdministrationRules.MayChangeRole(by, me, StaffRoles.Administrator);
        Administering.AdministrationRules.MayDisable(by, colleague);
        Administering.AdministrationRules.MayChangeRole(by, colleague, StaffRoles.Agent);
        var password = Administering.AdministrationRules.TemporaryPassword();
        Assert.Matches("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$", password);
        Assert.NotEqual(password, Administering.AdministrationRules.TemporaryPassword());
    }

    private const string NewPasswordPath = "/account/new-password";

    /// <summary>After a right temporary password: the authorization endpoint issues no code but sends the browser to choose its own.</summary>
    private static async Task<string> NewPasswordFormAsync(Browser browser, HttpResponseMessage afterLogin)
    {
        Assert.Equal(HttpStatusCode.Redirect, afterLogin.StatusCode);
        var authorize = await browser.GetAsync(afterLogin.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var page = authorize.Headers.Location!.OriginalString;
        Assert.StartsWith(NewPasswordPath, page);
        return await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
    }

    private static string NewUserName() => $"mataro.new.{Guid.NewGuid():N}"[..30];

    /// <summary>A new administrator of <paramref name="council"/>, signed in: a gateway client with their token, and their account id.</summary>
    private async Task<(HttpClient Client, string AccountId)> AdministratorAsync(string council = IdentityPlatform.Council)
    {
        var (user, password, _) = await platform.NewStaffAsync(StaffRoles.Administrator, council);
        var access = (await SignInAsync(user, password)).GetProperty("access_token").GetString()!;
        return (platform.ViaGateway(access), new JsonWebToken(access).Subject);
    }

    /// <summary>Signs in through the form; an account with a temporary password is first sent to choose <paramref name="newPassword"/>.</summary>
    private async Task<JsonElement> SignInAsync(string user, string password, string? newPassword = null)
    {
        using var browser = new Browser(platform.Identity.HttpAddress);
        var (action, form) = await browser.StartAsync();
        var response = await browser.SubmitAsync(action, form, ("username", user), ("password", password));
        if (newPassword is not null)
        {
            var html = await NewPasswordFormAsync(browser, response);
            response = await browser.SubmitAsync(NewPasswordPath, html, ("newPassword", newPassword), ("confirmPassword", newPassword));
        }
        var redirect = await browser.FollowToClientAsync(response);
        var (redeemed, tokens) = await browser.RedeemAsync(Browser.Query(redirect, "code"), platform.ConsoleSecret);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        return tokens;
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> RefreshAsync(string refreshToken)
    {
        using var browser = new Browser(platform.Identity.HttpAddress);
        return await browser.PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
            ["client_id"] = IdentityPlatform.ConsoleClientId, ["client_secret"] = platform.ConsoleSecret,
        });
    }

    private static async Task<string> AccountIdAsync(HttpClient admin, string user) =>
        (await admin.GetFromJsonAsync<JsonElement>(Staff)).EnumerateArray()
            .Single(a => a.GetProperty("userName").GetString() == user).GetProperty("accountId").GetString()!;

    private static async Task<List<string>> AuditActionsAsync(HttpClient admin, string id) =>
        JsonDocument.Parse(await admin.GetStringAsync($"/api/identity/staff-audit?accountId={id}")).RootElement.EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()!).ToList();

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(ifMatch);
        return client.SendAsync(request);
    }
}
