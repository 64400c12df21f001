using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.LookingUp;

namespace Omnichannel.Kiosks.Access;

/// <summary>
/// What a kiosk token may reach: its own kiosk's routes (<c>{kioskId}</c> its own) and its own office's
/// (<c>{officeId}</c> its own) — another's is a 403. And only while it is live: every kiosk call reads the kiosk, so a
/// revocation, or the end of a rotated credential's grace, turns its tokens away at once (401), not when they expire.
/// Staff pass through: the route's policy decides what they may do.
/// </summary>
public sealed class KioskAccessFilter(IDocumentStore store, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.User.IsInRole(OmnichannelRoles.Kiosk)) return await next(context);

        var own = KioskIdentity.Of(http.User);
        if (own is null) return Problem(StatusCodes.Status401Unauthorized, "Sign-in required.", "The kiosk token names no kiosk.");
        var route = http.Request.RouteValues;
        if (route.TryGetValue("kioskId", out var kiosk) && !string.Equals(KioskCodes.Kiosk.Normalize(kiosk as string), own.KioskId, StringComparison.Ordinal))
            return Problem(StatusCodes.Status403Forbidden, "Forbidden.", "A kiosk may act only as itself.");
        if (route.TryGetValue("officeId", out var office) && !string.Equals(office as string, own.OfficeId, StringComparison.Ordinal))
            return Problem(StatusCodes.Status403Forbidden, "Forbidden.", "A kiosk may see only its own office.");

        // Opened here, not injected: an anonymous sign-in passes this filter with no council to open a session for.
        await using var session = store.QueryTenantSession();
        var view = await session.LoadAsync<KioskView>(KioskState.StreamKey(own.KioskId), http.RequestAborted);
        if (view is null || view.OfficeId != own.OfficeId || !view.Accepts(own.CredentialId, clock.GetUtcNow()))
            return Problem(StatusCodes.Status401Unauthorized, "Sign-in required.", "This kiosk's credential was revoked or replaced: sign in again with the current one.");
        return await next(context);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}

/// <summary>Who a kiosk token says it is.</summary>
public sealed record KioskIdentity(string KioskId, string OfficeId, string CredentialId)
{
    public static KioskIdentity? Of(ClaimsPrincipal user) =>
        user.FindFirst(KioskClaims.KioskId)?.Value is { } kiosk
        && user.FindFirst(KioskClaims.Office)?.Value is { } office
        && user.FindFirst(KioskClaims.Credential)?.Value is { } credential
            ? new KioskIdentity(kiosk, office, credential)
            : null;
}
