using Microsoft.EntityFrameworkCore;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering.TellingStaffAccess;

/// <summary><c>GET /api/identity/staff-access</c> (service token): what a service reads at start to refuse the tokens of
/// accounts disabled while it was not listening (services/BuildingBlocks/Auth/StaffAccessWithdrawals.cs): every account
/// disabled now, and those enabled again within an access token's lifetime (their older tokens may still be unexpired),
/// each with the times of its audit lines.</summary>
public static class StaffAccessEndpoint
{
    public const string Policy = "platform-services";

    public static async Task<List<StaffAccessEntry>> Handle(IdentityDb db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        // A token issued just before a re-enabling's disabling may live this long after it; a minute more for clock skew.
        var since = clock.GetUtcNow() - TimeSpan.FromMinutes(configuration.GetValue("Identity:AccessTokenMinutes", 15) + 1);
        var disabled = await db.Users.Where(a => a.Disabled).Select(a => a.Id).ToListAsync(ct);
        var changes = await db.StaffAudit
            .Where(e => (e.Action == StaffAuditActions.Disabled || e.Action == StaffAuditActions.Enabled) && (e.At >= since || disabled.Contains(e.AccountId)))
            .Select(e => new { e.AccountId, e.Action, e.At })
            .ToListAsync(ct);
        var byAccount = changes.ToLookup(c => c.AccountId);
        DateTimeOffset? Last(string account, string action) =>
            byAccount[account].Where(c => c.Action == action).Select(c => (DateTimeOffset?)c.At).Max();

        var entries = disabled.Select(id => new StaffAccessEntry(id, Last(id, StaffAuditActions.Disabled), Disabled: true, EnabledAt: null)).ToList();
        entries.AddRange(byAccount.Select(g => g.Key).Except(disabled)
            .Select(id => new StaffAccessEntry(id, Last(id, StaffAuditActions.Disabled), Disabled: false, Last(id, StaffAuditActions.Enabled)))
            .Where(e => e is { DisabledAt: not null, EnabledAt: not null }));
        return entries;
    }
}
