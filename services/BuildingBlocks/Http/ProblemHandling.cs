using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnichannel.BuildingBlocks.Auth;
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
            ExplainRefusal(context);
            // Last: the words in the reader's language (Accept-Language), the machine-readable members untouched.
            context.HttpContext.RequestServices.GetService<ProblemTranslator>()?.Translate(context.ProblemDetails, ProblemLanguage.Of(context.HttpContext));
        });
        // The building blocks' own texts; a service's ServiceDefaults registers its own table with them first.
        services.TryAddSingleton(_ => ProblemTranslator.For());
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

    /// <summary>An empty 401 or 403 says why: no valid token, or which role the operation needs.</summary>
    private static void ExplainRefusal(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is not null) return;
        if (context.ProblemDetails.Status == StatusCodes.Status401Unauthorized)
        {
            context.ProblemDetails.Title = "Sign-in required.";
            context.ProblemDetails.Detail = "Send a valid bearer token (Authorization: Bearer …): it is missing, expired, or not signed by the platform's issuer.";
        }
        else if (context.ProblemDetails.Status == StatusCodes.Status403Forbidden)
        {
            var policies = context.HttpContext.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .Select(a => a.Policy ?? a.Roles).OfType<string>().ToList() ?? [];
            var needed = policies.Contains(OmnichannelRoles.StaffPolicy) ? $"the '{OmnichannelRoles.Staff}' role"
                : policies.Contains(OmnichannelRoles.AnyClientPolicy) ? $"the '{OmnichannelRoles.Staff}' or '{OmnichannelRoles.ChannelApp}' role"
                : "a role allowed to do this";
            context.ProblemDetails.Title = "Not allowed.";
            context.ProblemDetails.Detail = $"Your token may not do this: it needs {needed}, and a council (tenant) of its own.";
        }
    }

    /// <summary>A 400 naming the field at fault, in the same shape as the validation filter's.</summary>
    public static IResult InvalidField(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, title: "The request is not valid.");
}

internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, IHostApplicationLifetime lifetime, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            Rejection { Kind: RejectionKind.Invalid } r => Validation(r.Field ?? "request", r.Message),
            Rejection { Kind: RejectionKind.NotFound } r => Problem(StatusCodes.Status404NotFound, "Not found.", r.Message),
            Rejection { Kind: RejectionKind.Conflict } r => Problem(StatusCodes.Status409Conflict, "The request conflicts with the current state.", r.Message),
            ConcurrencyConflict c => Problem(StatusCodes.Status409Conflict, "Concurrent change.", c.Message),
            PreconditionFailed p => Problem(StatusCodes.Status412PreconditionFailed, "Changed since you read it.", p.Message),
            _ when LostRace.Is(exception) =>
                Problem(StatusCodes.Status409Conflict, "Concurrent change.", "Someone else changed this at the same time. Reload and try again."),
            BadHttpRequestException bad => Unreadable(bad),
            NeighbourUnavailable n => Unavailable(http, n),
            OperationCanceledException or ObjectDisposedException when lifetime.ApplicationStopping.IsCancellationRequested => Stopping(http),
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

    /// <summary>A request this replica took while it was stopping (a restart, a roll-out): the caller should try again,
    /// reaching another replica or this one started again; not a 500.</summary>
    private static ProblemDetails Stopping(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable.", "This instance of the service is stopping. Try again in a moment.");
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Validation(string field, string reason) => new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [field] = [reason] })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request is not valid.",
        Detail = reason,
    };

    /// <summary>Malformed JSON, a value of the wrong type, an unknown member or a parameter that does not parse: name
    /// the field (the JSON path or the parameter), in words a front-end can show — no .NET type names, no parser advice.</summary>
    private static ProblemDetails Unreadable(BadHttpRequestException bad)
    {
        var (field, reason) = bad.InnerException is JsonException json ? Describe(json) : Describe(bad);
        var problem = Validation(field, reason);
        problem.Status = bad.StatusCode;
        return problem;
    }

    private static (string Field, string Reason) Describe(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
        var message = json.Message.Split(" Path:")[0];
        if (Regex.Match(message, "The JSON property '(?<name>[^']*)' could not be mapped") is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var member = field == "body" ? name : field.EndsWith(name, StringComparison.Ordinal) ? field : $"{field}.{name}";
            return (member, $"'{name}' is not a field of this request.");
        }
        if (Regex.Match(message, @"could not be converted to (?<type>[^.\s]+(\.[^.\s]+)*)") is { Success: true } converted)
            return (field, $"Not {Expected(converted.Groups["type"].Value)}.");
        if (Regex.Match(message, @"is not in a supported (?<type>\w+) format") is { Success: true } format)
            return (field, $"Not {Expected(format.Groups["type"].Value)}.");
        if (Regex.IsMatch(message, @"\b(System|Omnichannel|Microsoft)\.|reader options|JsonReaderOptions|LineNumber"))
            message = "The JSON is malformed here.";
        return (field, field == "body" ? $"The body is not valid JSON: {message}" : message);
    }

    /// <summary>"Failed to bind parameter \"int page\" from \"abc\"." → page, "Not a whole number."</summary>
    private static (string Field, string Reason) Describe(BadHttpRequestException bad)
    {
        if (Regex.Match(bad.Message, "parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\"") is { Success: true } parameter)
        {
            var name = parameter.Groups["name"].Value;
            return bad.Message.StartsWith("Required", StringComparison.Ordinal)
                ? (name, "Required.")
                : (name, $"Not {Expected(parameter.Groups["type"].Value)}.");
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return ("body", "Send the body as application/json.");
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) && bad.Message.Contains("required", StringComparison.OrdinalIgnoreCase))
            return ("body", "A JSON body is required.");
        return ("request", Regex.IsMatch(bad.Message, @"\b(System|Omnichannel|Microsoft)\.") ? "The request could not be read." : bad.Message);
    }

    /// <summary>What a value of a .NET type looks like, in a front-end's words.</summary>
    private static string Expected(string type) =>
        type.Contains("List`") || type.Contains("[]") || type.Contains("Enumerable`") ? "a list" : type.Split('.')[^1].TrimEnd('?', ']') switch
    {
        "Guid" => "an id (a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)",
        "Int32" or "Int64" or "int" or "long" or "Int16" or "short" => "a whole number in range",
        "Decimal" or "Double" or "Single" or "decimal" or "double" or "float" => "a number",
        "Boolean" or "bool" => "true or false",
        "DateOnly" => "a date (yyyy-MM-dd)",
        "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601)",
        "TimeOnly" => "a time (HH:mm)",
        "String" or "string" => "a text",
        _ => "a value of the expected kind (see the API reference)",
    };
}
