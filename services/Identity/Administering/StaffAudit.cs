using System.Security.Claims;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering;

/// <summary>One change an administrator made to a staff account: who, when, what, which account. Never a password,
/// a temporary one included, nor an authenticator key: only that one was reset.</summary>
public sealed class StaffAuditEntry
{
    public const string Table = "StaffAudit";

    public long Id { get; set; }
    public string Council { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>One of <see cref="StaffAuditActions"/>.</summary>
    public string Action { get; set; } = "";
    public string ByAccountId { get; set; } = "";
    public string ByUserName { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string AccountUserName { get; set; } = "";
    /// <summary>What changed when the action alone does not say it (a role's from and to).</summary>
    public string? Detail { get; set; }
}

public static class StaffAuditActions
{
    public const string Created = "account-created";
    public const string RoleChanged = "role-changed";
    public const string Disabled = "account-disabled";
    public const string Enabled = "account-enabled";
    public const string Unlocked = "account-unlocked";
    public const string PasswordReset = "password-reset";
    public const string AuthenticatorReset = "authenticator-reset";
}

/// <summary>A line of the audit as administrators read it.</summary>
public sealed record StaffAuditView(DateTimeOffset At, string Action, string ByUserName, string AccountId, string AccountUserName, string? Detail);

/// <summary>The administrator acting: the verified token's subject and name, and its council.</summary>
public sealed record Administrator(string AccountId, string UserName, string Council)
{
    public static Administrator Of(ClaimsPrincipal user, string council) => new(
        user.FindFirst("sub")?.Value ?? "",
        user.FindFirst("preferred_username")?.Value ?? user.FindFirst("name")?.Value ?? user.FindFirst("sub")?.Value ?? "",
        council);

    public StaffAuditEntry Audit(string action, StaffAccount account, DateTimeOffset at, string? detail = null) => new()
    {
        Council = Council, At = at, Action = action, ByAccountId = AccountId, ByUserName = UserName,
        AccountId = account.Id, AccountUserName = account.UserName ?? "", Detail = detail,
    };
}
