namespace Omnichannel.Identity.Administering.UnlockingAccount;

/// <summary><c>POST /api/identity/staff/{accountId}/unlock</c>: ends a lock-out after too many wrong passwords now,
/// instead of after Identity:Lockout:Minutes, and starts the count of failed attempts again.</summary>
public static class UnlockAccountEndpoint
{
    public static async Task<IResult> Handle(Guid accountId, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var (by, account) = await administration.ChangingAsync(accountId, http, ct);
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        return TypedResults.Ok(await administration.SaveAsync(http, account, by.Audit(StaffAuditActions.Unlocked, account, administration.Now)));
    }
}
