using Grpc.Core;
using Grpc.Core.Interceptors;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.BuildingBlocks.Grpc;

/// <summary>
/// Every gRPC method of every service answers only another service of the platform: a valid token (checked by the
/// bearer handler, same key as everywhere) with role <see cref="OmnichannelRoles.Service"/> and a council. Here, not
/// per <c>MapGrpcService</c>, so a new gRPC service cannot be mapped without it. The council of the call comes from
/// that token (<see cref="TenantMiddleware"/>), never from a header.
/// </summary>
public sealed class ServiceIdentityInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(requestStream, responseStream, context);
    }

    private static void Demand(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        if (user.Identity?.IsAuthenticated != true)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "A service token is needed: send 'authorization: Bearer <token>' signed by the platform."));
        if (!user.IsInRole(OmnichannelRoles.Service))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Only other services may call this: the token needs the role '{OmnichannelRoles.Service}'."));
        if (RequestContext.TenantId is null)
            throw new RpcException(new Status(StatusCode.PermissionDenied, "The token has no valid 'tenant' claim."));
    }
}
