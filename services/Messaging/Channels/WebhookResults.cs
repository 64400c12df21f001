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

    /// <summary>The raw body, or null when it is larger than <see cref="MaxBodyBytes"/> (or than it said it was).
    /// With a declared Content-Length (every provider sends one) it is read into one array of that size: no chunk, no
    /// growing stream, no copy. A body shorter than declared is Kestrel's 400 before it gets here.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is { } declared)
        {
            if (declared > MaxBodyBytes) return null;
            var body = new byte[declared];
            var filled = 0;
            int read;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), ct)) > 0) filled += read;
            // More than declared (a server that does not frame by the length): refused like an oversized body.
            if (filled == body.Length && await request.Body.ReadAsync(new byte[1], ct) > 0) return null;
            return filled == body.Length ? body : body[..filled];
        }

        // Chunked, length unknown: read up to the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int got;
        while ((got = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + got > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, got);
        }
        return buffer.ToArray();
    }
}
