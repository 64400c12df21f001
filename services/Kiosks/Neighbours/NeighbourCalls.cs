using Grpc.Core;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Grpc;

namespace Omnichannel.Kiosks.Neighbours;

/// <summary>
/// A kiosk's request forwarded to queues or appointments over gRPC (service token, the kiosk's council): the
/// neighbour's refusals come back as the kiosk's own problems — InvalidArgument a 400 naming the field (camelCase, as
/// the kiosk sent it), NotFound a 404, FailedPrecondition a 409 — and an outage is a 503, never a 500.
/// </summary>
public static class NeighbourCalls
{
    public static async Task<T> CallAsync<T>(string service, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            var (field, message) = Split(e.Status.Detail);
            throw Rejection.Invalid(field ?? "body", message);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw Rejection.NotFound(e.Status.Detail);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Aborted)
        {
            throw Rejection.Conflict(e.Status.Detail);
        }
        catch (Exception e) when (e is RpcException || NeighbourUnavailable.IsOutage(e, ct))
        {
            throw new NeighbourUnavailable(service, e);
        }
    }

    /// <summary>The client of a neighbour the launcher introduced; none where it did not (the kiosks service alone): 503.</summary>
    public static T Require<T>(IServiceProvider services, string service) where T : class =>
        services.GetService<T>() ?? throw new NeighbourUnavailable(service, new InvalidOperationException($"services:{service}:grpc is not set."));

    /// <summary>"procedure_code: There is no procedure 'x'." → ("procedureCode", "There is no procedure 'x'.").</summary>
    internal static (string? Field, string Message) Split(string detail)
    {
        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || detail[..colon].Any(c => !(char.IsLetterOrDigit(c) || c == '_' || c == '.'))) return (null, detail);
        var parts = detail[..colon].Split('_');
        return (parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])), detail[(colon + 2)..]);
    }
}
