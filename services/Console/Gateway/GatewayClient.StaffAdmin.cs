namespace Omnichannel.StaffConsole.Gateway;

// Staff administration (administrators only): the council's staff accounts and the audit of their changes, from the
// identity service's API through the gateway. Each change sends the account's version read (If-Match).
public sealed partial class GatewayClient
{
    public Task<ApiResult<List<StaffAccountItem>>> StaffAccountsAsync(CancellationToken ct = default) =>
        SendAsync<List<StaffAccountItem>>(HttpMethod.Get, "/api/identity/staff", null, ct);
    public Task<ApiResult<NewStaffPassword>> CreateStaffAccountAsync(string userName, string fullName, string? email, string role, CancellationToken ct = default) =>
        SendAsync<NewStaffPassword>(HttpMethod.Post, "/api/identity/staff", new { userName, fullName, email, role }, ct);
    public Task<ApiResult<StaffAccountItem>> ChangeStaffRoleAsync(string accountId, string role, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<StaffAccountItem>(HttpMethod.Put, $"/api/identity/staff/{E(accountId)}/role", new { role }, version, ct);
    /// <summary><paramref name="action"/>: disable, enable, unlock, authenticator-reset.</summary>
    public Task<ApiResult<StaffAccountItem>> StaffAccountActionAsync(string accountId, string action, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<StaffAccountItem>(HttpMethod.Post, $"/api/identity/staff/{E(accountId)}/{action}", null, version, ct);
    public Task<ApiResult<NewStaffPassword>> ResetStaffPasswordAsync(string accountId, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<NewStaffPassword>(HttpMethod.Post, $"/api/identity/staff/{E(accountId)}/password-reset", null, version, ct);
    public Task<ApiResult<List<StaffAuditItem>>> StaffAuditAsync(CancellationToken ct = default) =>
        SendAsync<List<StaffAuditItem>>(HttpMethod.Get, "/api/identity/staff-audit?limit=50", null, ct);
}

public sealed record StaffAccountItem(string AccountId, string UserName, string? FullName, string? Email, string Role, bool Disabled,
    bool LockedOut, DateTimeOffset? LockedOutUntil, bool AuthenticatorEnabled, DateTimeOffset? LastSignInAt, bool PasswordChangeDue, long Version);

public sealed record NewStaffPassword(StaffAccountItem Account, string TemporaryPassword);

public sealed record StaffAuditItem(DateTimeOffset At, string Action, string ByUserName, string AccountId, string AccountUserName, string? Detail);
