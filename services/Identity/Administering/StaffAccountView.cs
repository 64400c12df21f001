using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering;

/// <summary>A staff account as its council's administrators read it. <c>Version</c> is also the ETag.</summary>
public sealed record StaffAccountView(
    string AccountId, string UserName, string? FullName, string? Email, string Role,
    bool Disabled, bool LockedOut, DateTimeOffset? LockedOutUntil, bool AuthenticatorEnabled, DateTimeOffset? LastSignInAt,
    bool PasswordChangeDue, long Version)
{
    public static StaffAccountView Of(StaffAccount account, DateTimeOffset now)
    {
        var lockedOut = account.LockoutEnabled && account.LockoutEnd is { } end && end > now;
        return new(account.Id, account.UserName ?? "", account.FullName, account.Email, account.StaffRole, account.Disabled,
            lockedOut, lockedOut ? account.LockoutEnd : null, account.TwoFactorEnabled, account.LastSignInAt, account.MustChangePassword, account.Version);
    }
}

/// <summary>A new account or a reset password: the temporary password is in this answer and nowhere else (not stored
/// in clear, not in the audit, not in a log). Give it to the person by a channel of its own; at their first sign-in
/// with it they choose their own.</summary>
public sealed record TemporaryPasswordView(StaffAccountView Account, string TemporaryPassword);
