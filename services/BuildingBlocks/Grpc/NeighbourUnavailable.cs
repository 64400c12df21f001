using Grpc.Core;

namespace Omnichannel.BuildingBlocks.Grpc;

/// <summary>
/// A neighbouring service could not answer (down, too slow, overloaded): the request can be tried again later. Problem
/// handling answers it with a 503 and a Retry-After, the gRPC server with Unavailable, and a consumer's message is
/// retried — an outage of a neighbour is never a 500 and never taken for "no such thing".
/// </summary>
public sealed class NeighbourUnavailable(string service, Exception cause)
    : Exception($"The {service} service did not answer; try again in a moment.", cause)
{
    /// <summary>Whether <paramref name="e"/>, raised by a gRPC call, means the neighbour could not answer (as opposed to
    /// the caller giving up: a cancellation of the caller's own token is not an outage).</summary>
    public static bool IsOutage(Exception e, CancellationToken callerToken) => !callerToken.IsCancellationRequested && e switch
    {
        RpcException r => r.StatusCode is not (StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition
            or StatusCode.PermissionDenied or StatusCode.Unauthenticated),
        HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException => true,
        _ => false,
    };
}
