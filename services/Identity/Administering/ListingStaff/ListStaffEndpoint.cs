using Microsoft.EntityFrameworkCore;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering.ListingStaff;

/// <summary><c>GET /api/identity/staff</c>: the administrator's council's accounts, by user name; one account with its ETag.</summary>
public static class ListStaffEndpoint
{
    public static async Task<IResult> List(IdentityDb db, TimeProvider clock, CancellationToken ct)
    {
        var council = RequestContext.RequiredTenantId;
        var accounts = await db.Users.Where(a => a.Council == council).OrderBy(a => a.UserName).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(accounts.Select(a => StaffAccountView.Of(a, now)).ToList());
    }

    public static async Task<IResult> Get(Guid accountId, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var account = await administration.FindAsync(accountId, RequestContext.RequiredTenantId, ct);
        http.Response.Headers.ETag = Versioning.ETag(account.Version);
        return TypedResults.Ok(StaffAccountView.Of(account, administration.Now));
    }
}
