using Grpc.Core;
using Grpc.Core.Interceptors;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.Grpc;

/// <summary>Refused commands, a neighbour's outage and a lost race become gRPC statuses other services can act on, not "Unknown".</summary>
public sealed class RejectionInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Rejection r)
        {
            var code = r.Kind switch
            {
                RejectionKind.NotFound => StatusCode.NotFound,
                RejectionKind.Conflict => StatusCode.FailedPrecondition,
                _ => StatusCode.InvalidArgument,
            };
            throw new RpcException(new Status(code, r.Field is null ? r.Message : $"{r.Field}: {r.Message}"));
        }
        catch (NeighbourUnavailable n)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, n.Message));
        }
        catch (Exception e) when (EventStore.LostRace.Is(e))
        {
            throw new RpcException(new Status(StatusCode.Aborted, "Someone else changed this at the same time. Try again."));
        }
    }
}
