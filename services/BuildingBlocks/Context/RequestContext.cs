namespace Omnichannel.BuildingBlocks.Context;

/// <summary>
/// The council (tenant) and correlation id of the work in progress: set by the HTTP middleware,
/// the gRPC server interceptor and the message consume filter; read by outgoing gRPC calls and
/// event-store sessions. An AsyncLocal, so it follows the request through awaits and background
/// consumers alike.
/// </summary>
public static class RequestContext
{
    public const string TenantHeader = "X-Tenant-Id";
    public const string CorrelationHeader = "X-Correlation-Id";

    private static readonly AsyncLocal<Snapshot?> current = new();

    public sealed record Snapshot(string? TenantId, string CorrelationId);

    public static string? TenantId => current.Value?.TenantId;

    public static string CorrelationId => current.Value?.CorrelationId ?? NewCorrelationId();

    /// <summary>The tenant, or a rejection naming the header that should have carried it.</summary>
    public static string RequiredTenantId => TenantId
        ?? throw Domain.Rejection.Invalid(Auth.TokenIssuer.TenantClaim, "No council (tenant) given: send a token with a 'tenant' claim.");

    public static IDisposable Begin(string? tenantId, string? correlationId)
    {
        var previous = current.Value;
        current.Value = new Snapshot(
            string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim(),
            string.IsNullOrWhiteSpace(correlationId) ? NewCorrelationId() : correlationId.Trim());
        return new Restore(previous);
    }

    public static string NewCorrelationId() => Guid.NewGuid().ToString("N");

    /// <summary>Tenant ids are short slugs ("mataro", "el-prat"): anything else is refused early.</summary>
    public static bool IsValidTenantId(string tenantId) =>
        tenantId.Length is > 0 and <= 64 && tenantId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private sealed class Restore(Snapshot? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
