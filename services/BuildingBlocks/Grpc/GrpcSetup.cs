using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Polly;

namespace Omnichannel.BuildingBlocks.Grpc;

public static class GrpcSetup
{
    /// <summary>Default deadline of a call between services: a slow neighbour must not hold a citizen's request.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Where the launcher (the AppHost, the Helm chart, a test) says a neighbour answers gRPC:
    /// <c>services:{name}:grpc:0</c> as Aspire's service discovery writes it, or <c>services:{name}:grpc</c>; null when neither is set.</summary>
    public static string? ServiceAddress(IConfiguration configuration, string service) =>
        configuration[$"services:{service}:grpc"] is { Length: > 0 } address ? address
        : configuration[$"services:{service}:grpc:0"] is { Length: > 0 } first ? first
        : null;

    /// <summary>
    /// A typed gRPC client for another service, at its <see cref="ServiceAddress"/>, carrying a service token for the
    /// current council and the correlation id, with a deadline and retries on transient failures.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, IConfiguration configuration, string service)
        where TClient : ClientBase
    {
        services.TryAddSingleton<ServiceTokens>();
        services.TryAddSingleton<ContextPropagationInterceptor>();
        var builder = services
            .AddGrpcClient<TClient>(o => o.Address = new Uri(ServiceAddress(configuration, service)
                ?? throw new InvalidOperationException($"services:{service}:grpc is not set: the address of the {service} service's gRPC endpoint (its launcher sets it).")))
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

/// <summary>Outgoing calls carry a service token for the current council (the neighbour takes the council from it,
/// never from a header) and the correlation id, and get the default deadline when the caller set none. Work with no
/// council sends no token: the neighbour refuses it as unauthenticated. A token that must first be asked of the
/// identity service (a council's first call, or one held too long) makes the call start once it is there.</summary>
public sealed class ContextPropagationInterceptor(ServiceTokens tokens) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var tenant = RequestContext.TenantId;
        var correlation = RequestContext.CorrelationId;
        var needsToken = tenant is not null && context.Options.Headers?.Get("authorization") is null;
        if (!needsToken) return continuation(request, WithContext(context, null, correlation));
        if (tokens.TryGet(tenant!, out var held)) return continuation(request, WithContext(context, held, correlation));

        var started = StartAsync();
        return new AsyncUnaryCall<TResponse>(
            ResponseAsync(),
            HeadersAsync(),
            () => started.IsCompletedSuccessfully ? started.Result.GetStatus() : new Status(StatusCode.Unavailable, "The call has not started."),
            () => started.IsCompletedSuccessfully ? started.Result.GetTrailers() : [],
            () => { if (started.IsCompletedSuccessfully) started.Result.Dispose(); });

        async Task<AsyncUnaryCall<TResponse>> StartAsync()
        {
            var token = await tokens.ForAsync(tenant!, context.Options.CancellationToken);
            return continuation(request, WithContext(context, token, correlation));
        }

        async Task<TResponse> ResponseAsync() => await (await started).ResponseAsync;
        async Task<Metadata> HeadersAsync() => await (await started).ResponseHeadersAsync;
    }

    private static ClientInterceptorContext<TRequest, TResponse> WithContext<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, string? token, string correlation)
        where TRequest : class where TResponse : class
    {
        var headers = context.Options.Headers ?? [];
        if (token is not null) headers.Add("authorization", $"Bearer {token}");
        headers.Add(RequestContext.CorrelationHeader.ToLowerInvariant(), correlation);
        var options = context.Options.WithHeaders(headers);
        if (options.Deadline is null) options = options.WithDeadline(DateTime.UtcNow.Add(GrpcSetup.DefaultDeadline));
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }
}
