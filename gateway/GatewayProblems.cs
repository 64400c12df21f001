using Microsoft.AspNetCore.Mvc;

namespace Omnichannel.Gateway;

/// <summary>Writes RFC 9457 problem details through the shared <see cref="IProblemDetailsService"/>,
/// so the gateway's own refusals carry the same correlationId/traceId extensions as the services'.</summary>
internal static class GatewayProblems
{
    public static async Task Write(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
