using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>
/// The service identity one service shows another over gRPC: a short-lived token signed with the platform's key,
/// role <see cref="OmnichannelRoles.Service"/>, for one council. The council is always the one of the work in
/// progress (the caller's verified token, or the message or job being handled), so a service can only ever act
/// for a council it was itself asked to act for. One token per council is kept until shortly before it expires.
/// </summary>
public sealed class ServiceTokens(JwtSettings settings, IHostEnvironment environment)
{
    /// <summary>Wall-clock time, not the registered TimeProvider: the receiver checks expiry against the real clock,
    /// and a test or demo that moves the council's business clock must not make tokens look expired or not yet valid.</summary>
    private readonly TimeProvider clock = TimeProvider.System;

    /// <summary>Short: a token that leaks from a call is of little use for long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Renewed this long before expiry, so a token never expires on the way to the neighbour.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> issued = new();
    private readonly string subject = $"service:{environment.ApplicationName}";

    public string For(string tenant)
    {
        var now = clock.GetUtcNow();
        if (issued.TryGetValue(tenant, out var held) && held.Expires - RenewBefore > now) return held.Token;
        var token = TokenIssuer.Issue(settings, OmnichannelRoles.Service, tenant, subject, Lifetime, now);
        issued[tenant] = (token, now + Lifetime);
        return token;
    }
}
