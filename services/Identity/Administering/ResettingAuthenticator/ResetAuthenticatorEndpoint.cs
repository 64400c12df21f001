namespace Omnichannel.Identity.Administering.ResettingAuthenticator;

/// <summary><c>POST /api/identity/staff/{accountId}/authenticator-reset</c>: for a lost phone. The authenticator (TOTP)
/// is switched off and its key replaced, so the old app's codes never work again; the person signs in with the
/// password alone and may set up a new authenticator (/account/authenticator).</summary>
public static class ResetAuthenticatorEndpoint
{
    public static async Task<IResult> Handle(Guid accountId, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var (by, account) = await administration.ChangingAsync(accountId, http, ct);
        await administration.Users.ResetAuthenticatorKeyAsync(account); // a new key, saved (not shown to anyone)
        account.TwoFactorEnabled = false;
        return TypedResults.Ok(await administration.SaveAsync(http, account, by.Audit(StaffAuditActions.AuthenticatorReset, account, administration.Now)));
    }
}
