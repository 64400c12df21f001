using Microsoft.AspNetCore.Identity;

namespace Omnichannel.Identity.Accounts;

/// <summary>A member of a council's staff who signs in to the console. ASP.NET Core Identity keeps the password hash,
/// the failed-attempt count and lock-out, and the authenticator (TOTP) key.</summary>
public sealed class StaffAccount : IdentityUser
{
    /// <summary>The council the account works for: the <c>tenant</c> claim of every token it gets.</summary>
    public string Council { get; set; } = "";

    /// <summary>One of <see cref="StaffRoles.All"/>.</summary>
    public string StaffRole { get; set; } = StaffRoles.Agent;

    /// <summary>The person's name as colleagues read it (the user name is what they type).</summary>
    public string? FullName { get; set; }

    /// <summary>Switched off by an administrator: no sign-in, no refresh (Administering). Unlike a lock-out it does not end by itself.</summary>
    public bool Disabled { get; set; }

    /// <summary>Raised by every administrator's change: the account's ETag (If-Match on the next change, 412 when stale).</summary>
    public long Version { get; set; } = 1;

    /// <summary>When the account last got tokens by signing in (not by a refresh).</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The password is a temporary one an administrator gave: the person chooses their own before any token
    /// is issued (SigningIn/NewPasswordPage).</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>What a member of staff does. Every one of them is platform role <c>staff</c> (the policies services
/// already use); the finer role travels beside it, so a screen or a route can ask for a supervisor or an administrator.</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string BackOffice = "back-office";
    public const string Administrator = "administrator";
    /// <summary>The data-protection officer: erasure and access requests, the access log (docs/data-rights.md).</summary>
    public const string DataProtectionOfficer = "data-protection-officer";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, BackOffice, Administrator, DataProtectionOfficer];
}
