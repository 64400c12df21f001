using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Grpc;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>Every error leaves as RFC 9457 problem details: refused commands, concurrency
/// conflicts, unreadable bodies, empty 401/403/404s, and (without internals) unexpected failures.</summary>
public static class ProblemHandling
{
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["correlationId"] = RequestContext.CorrelationId;
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Unreadable bodies reach the handler above, which names the field, instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>A 400 naming the field at fault, in the same shape as the validation filter's.</summary>
    public static IResult InvalidField(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, title: "The request is not valid.");
}

internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            Rejection { Kind: RejectionKind.Invalid } r => Validation(r.Field ?? "request", r.Message),
            Rejection { Kind: RejectionKind.NotFound } r => Problem(StatusCodes.Status404NotFound, "Not found.", r.Message),
            Rejection { Kind: RejectionKind.Conflict } r => Problem(StatusCodes.Status409Conflict, "The request conflicts with the current state.", r.Message),
            ConcurrencyConflict c => Problem(StatusCodes.Status409Conflict, "Concurrent change.", c.Message),
            _ when LostRace.Is(exception) =>
                Problem(StatusCodes.Status409Conflict, "Concurrent change.", "Someone else changed this at the same time. Reload and try again."),
            BadHttpRequestException bad => Unreadable(bad),
            NeighbourUnavailable n => Unavailable(http, n),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Something went wrong on our side.", "The error was logged; quote the correlation id when you report it.");
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A neighbour's outage is temporary: say so, and when to try again, instead of a 500.</summary>
    private static ProblemDetails Unavailable(HttpContext http, NeighbourUnavailable n)
    {
        http.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable.", n.Message);
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Validation(string field, string reason) => new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [field] = [reason] })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request is not valid.",
        Detail = reason,
    };

    /// <summary>Malformed JSON or a value of the wrong type: name the JSON path the parser stopped at.</summary>
    private static ProblemDetails Unreadable(BadHttpRequestException bad)
    {
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
        var reason = json is not null
            ? $"The body is not valid JSON for this request{(field == "body" ? "" : $" at '{field}'")}: {json.Message.Split(" Path:")[0]}"
            : bad.Message;
        var problem = Validation(field, reason);
        problem.Status = bad.StatusCode;
        return problem;
    }
}
