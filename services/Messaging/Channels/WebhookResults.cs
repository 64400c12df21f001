using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Omnichannel.Messaging.Channels;

/// <summary>What webhooks answer when they refuse, as RFC 9457 problems, and the bounded read of a raw body (the
/// signature is over the exact bytes, so the body is read before any JSON parsing).</summary>
public static class WebhookResults
{
    /// <summary>Over the platform's request limit (the gateway's 1 MiB): no update or notification is that big.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static ProblemHttpResult Unauthorized() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Sign-in required.",
        Detail = "The webhook's secret or signature is missing or wrong.",
    });

    public static ValidationProblem BadBody(string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [reason] });

    /// <summary>The raw body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
