using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Omnichannel.BuildingBlocks.Context;
using Polly;

namespace Omnichannel.BuildingBlocks.Grpc;

public static class GrpcSetup
{
    /// <summary>Default deadline of a call between services: a slow neighbour must not hold a citizen's request.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A typed gRPC client for another service, at the address in <c>Services:&lt;Service&gt;:Grpc</c>,
    /// carrying the tenant and correlation id, with a deadline and retries on transient failures.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, IConfiguration configuration, string service)
        where TClient : ClientBase
    {
        var key = $"Services:{service}:Grpc";
        services.AddSingleton<ContextPropagationInterceptor>();
        var builder = services
            .AddGrpcClient<TClient>(o => o.Address = new Uri(configuration[key]
                ?? throw new InvalidOperationException($"{key} is not set: the address of the {service} service's gRPC endpoint.")))
            .AddInterceptor<ContextPropagationInterceptor>(InterceptorScope.Client);
        builder.AddResilienceHandler("grpc", pipeline => pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(2)));
        return builder;
    }
}

/// <summary>Outgoing calls carry the current tenant and correlation id, and get the default deadline when the caller set none.</summary>
public sealed class ContextPropagationInterceptor : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var headers = context.Options.Headers ?? [];
        if (RequestContext.TenantId is { } tenant && headers.Get(RequestContext.TenantHeader.ToLowerInvariant()) is null)
            headers.Add(RequestContext.TenantHeader.ToLowerInvariant(), tenant);
        headers.Add(RequestContext.CorrelationHeader.ToLowerInvariant(), RequestContext.CorrelationId);
        var options = context.Options.WithHeaders(headers);
        if (options.Deadline is null) options = options.WithDeadline(DateTime.UtcNow.Add(GrpcSetup.DefaultDeadline));
        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
    }
}
