using Omnichannel.BuildingBlocks.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Omnichannel.Identity.Protocol;

/// <summary>
/// The platform's text policy (<see cref="TextPolicy"/>: no control characters, at most 4,000 characters) for every
/// parameter of an OpenID Connect request, before OpenIddict reads it: a NUL in a client id would otherwise reach
/// PostgreSQL, which refuses it with an error (a 500). Refused in the protocol's own format, RFC 6749 §5.2
/// (<c>{"error":"invalid_request",…}</c>), naming the parameter but never echoing its value.
/// </summary>
public sealed class ProtocolInputGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/connect") || http.Request.Path.StartsWithSegments("/account"))
        {
            foreach (var (name, values) in http.Request.Query)
                if (Refusal(name, values) is { } problem) { await RefuseAsync(http, problem); return; }
            if (http.Request.HasFormContentType)
            {
                IFormCollection form;
                try { form = await http.Request.ReadFormAsync(http.RequestAborted); }
                catch (InvalidDataException) { await RefuseAsync(http, "The form body cannot be read."); return; }
                foreach (var (name, values) in form)
                    if (Refusal(name, values) is { } problem) { await RefuseAsync(http, problem); return; }
            }
        }
        await next(http);
    }

    private static string? Refusal(string name, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (TextPolicy.Problem(name) is not null) return "A parameter name breaks the text policy.";
        foreach (var value in values)
            if (value is not null && TextPolicy.Problem(value) is { } reason) return $"The parameter '{name}' is not acceptable: {reason}";
        return null;
    }

    private static Task RefuseAsync(HttpContext http, string description)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = Errors.InvalidRequest, ["error_description"] = description });
    }
}
