using Microsoft.EntityFrameworkCore;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering.ReadingAudit;

/// <summary><c>GET /api/identity/staff-audit?accountId=&amp;limit=</c>: the council's administration changes, newest first.</summary>
public static class ReadAuditEndpoint
{
    public static async Task<IResult> Handle(IdentityDb db, Guid? accountId, int? limit, CancellationToken ct)
    {
        var council = RequestContext.RequiredTenantId;
        var take = limit ?? 100;
        if (take is < 1 or > 500) throw Rejection.Invalid("limit", "From 1 to 500.");
        var query = db.StaffAudit.Where(e => e.Council == council);
        if (accountId is { } id)
        {
            var text = id.ToString();
            query = query.Where(e => e.AccountId == text);
        }
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new StaffAuditView(e.At, e.Action, e.ByUserName, e.AccountId, e.AccountUserName, e.Detail)).ToList());
    }
}
