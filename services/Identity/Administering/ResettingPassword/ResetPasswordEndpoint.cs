namespace Omnichannel.Identity.Administering.ResettingPassword;

/// <summary><c>POST /api/identity/staff/{accountId}/password-reset</c>: a new temporary password, shown in this answer
/// only, to be replaced by one of the person's own at their next sign-in; the old one stops working, and so do the account's refresh tokens.</summary>
public static class ResetPasswordEndpoint
{
    public static async Task<IResult> Handle(Guid accountId, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var (by, account) = await administration.ChangingAsync(accountId, http, ct);
        var users = administration.Users;
        var password = AdministrationRules.TemporaryPassword();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, account, password) is { Succeeded: false } refused) throw StaffAdministration.Refused(refused);
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.MustChangePassword = true;
        var view = await administration.SaveAsync(http, account, by.Audit(StaffAuditActions.PasswordReset, account, administration.Now));
        await administration.RevokeTokensAsync(account, ct);
        return TypedResults.Ok(new TemporaryPasswordView(view, password));
    }
}
