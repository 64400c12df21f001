using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using FluentValidation;
using Omnichannel.Kiosks.Credentials;

namespace Omnichannel.Kiosks.SigningIn;

public sealed record SignInRequest(string? Credential);

/// <summary>A platform token for the kiosk: role <c>kiosk</c> (<c>display</c> for a waiting-room display), its council, office and kiosk id.</summary>
public sealed record KioskToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string KioskId, string OfficeId);

/// <summary>
/// A kiosk exchanges its device credential for a short-lived platform token, minted as the platform mints its tokens
/// (HS256 with <c>Auth:SigningKey</c>), so the gateway and every service check it as any other. Anonymous by nature;
/// an unknown, malformed, rotated-out or revoked credential is the same 401 (nothing tells which).
/// </summary>
public static class SignInEndpoint
{
    /// <summary>Wall-clock time, like ServiceTokens: the receivers check expiry against the real clock.</summary>
    private static readonly TimeProvider TokenClock = TimeProvider.System;

    public static async Task<IResult> Handle(SignInRequest request, IDocumentStore store, JwtSettings settings, TimeProvider clock,
        IOptions<KioskOptions> options, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (DeviceCredentials.Parse(request.Credential) is not { } presented) return Refused();
        var (tenant, kioskId, secret) = presented;

        using var scope = RequestContext.Begin(tenant, RequestContext.CorrelationId);
        await using var session = store.QuerySession(tenant);
        var (state, _) = await session.LoadAsync(KioskState.StreamKey(kioskId), KioskState.Initial, KioskState.Evolve, ct);
        var now = clock.GetUtcNow();
        var previous = state.PreviousValidUntil is { } until && now < until ? state.Previous : null;
        if (!state.Exists || state.Revoked || DeviceCredentials.Match(secret, state.Current, previous) is not { } matched) return Refused();

        var issuedAt = TokenClock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenMinutes);
        // A display gets its own role: the kiosk routes refuse it, and the display feed holds it to its office.
        var role = state.Kind == DeviceKind.Display ? OmnichannelRoles.Display : OmnichannelRoles.Kiosk;
        var token = TokenIssuer.Issue(settings, role, tenant, $"{(state.Kind == DeviceKind.Display ? "display" : "kiosk")}:{kioskId}", lifetime, issuedAt,
        [
            new Claim(KioskClaims.Office, state.OfficeId),
            new Claim(KioskClaims.KioskId, kioskId),
            new Claim(KioskClaims.Credential, matched.CredentialId),
        ]);
        return TypedResults.Ok(new KioskToken(token, "Bearer", issuedAt + lifetime, kioskId, state.OfficeId));
    }

    private static IResult Refused() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Sign-in required.",
        Detail = "The device credential is not valid: unknown, revoked or replaced. Ask staff to rotate or re-enrol the kiosk.",
    });
}

public sealed class SignInRequestValidator : AbstractValidator<SignInRequest>
{
    public SignInRequestValidator() => RuleFor(r => r.Credential).NotEmpty();
}
