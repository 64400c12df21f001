namespace Omnichannel.Identity.Administering.DisablingAccount;

/// <summary><c>POST /api/identity/staff/{accountId}/disable</c> and <c>/enable</c>: a disabled account cannot sign in
/// (StaffSignInManager), its refresh tokens are revoked and every service refuses its access tokens at once (the event
/// stored with the change); enabling lets it sign in again with its password.</summary>
public static class DisableAccountEndpoint
{
    public static async Task<IResult> Disable(Guid accountId, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var (by, account) = await administration.ChangingAsync(accountId, http, ct);
        AdministrationRules.MayDisable(by, account);
        account.Disabled = true;
        // Ends the identity service's own sign-in cookie too, at its next validation.
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        var at = administration.Now;
        var view = await administration.SaveAsync(http, account, by.Audit(StaffAuditActions.Disabled, account, at),
            new TellingStaffAccess.StaffAccountDisabled(account.Id, account.Council, at));
        await administration.RevokeTokensAsync(account, ct);
        return TypedResults.Ok(view);
    }

    public static async Task<IResult> Enable(Guid accountId, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var (by, account) = await administration.ChangingAsync(accountId, http, ct);
        account.Disabled = false;
        var at = administration.Now;
        return TypedResults.Ok(await administration.SaveAsync(http, account, by.Audit(StaffAuditActions.Enabled, account, at),
            new TellingStaffAccess.StaffAccountEnabled(account.Id, account.Council, at)));
    }
}
