using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>
/// One server-sent events response, as the live feeds (the display feed, the demand board's changes) write it: each
/// event flushed at once (no buffering by the server or a proxy), a <c>: keep-alive</c> comment when nothing was written
/// for 15 s (the gateway closes a connection idle for 30 s), and the loop ended, quietly, when the listener goes away or
/// this replica stops (the screens reconnect, to another replica, instead of holding its shutdown).
/// </summary>
public sealed class EventStream : IDisposable
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly HttpContext http;
    private readonly CancellationTokenSource ending;
    private DateTimeOffset lastWrite = DateTimeOffset.UtcNow;

    public EventStream(HttpContext http, IHostApplicationLifetime lifetime)
    {
        this.http = http;
        ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
    }

    /// <summary>Ends when the listener goes away or the host stops: for what the feed does before and between events.</summary>
    public CancellationToken Ending => ending.Token;

    /// <summary>Sends the event-stream headers, then runs <paramref name="poll"/> every <paramref name="every"/> until
    /// <see cref="Ending"/>, with a keep-alive comment after a quiet one.</summary>
    public async Task RunAsync(TimeSpan every, Func<CancellationToken, Task> poll)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var ct = Ending;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await poll(ct);
                if (DateTimeOffset.UtcNow - lastWrite > Heartbeat) await WriteAsync(": keep-alive\n\n");
                await Task.Delay(every, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The listener went away, or this replica is stopping.
        }
    }

    /// <summary>One event: its id, name and (one-line JSON) data.</summary>
    public Task SendAsync(string type, long id, string data) => WriteAsync($"id: {id}\nevent: {type}\ndata: {data}\n\n");

    private async Task WriteAsync(string text)
    {
        await http.Response.WriteAsync(text, Ending);
        await http.Response.Body.FlushAsync(Ending);
        lastWrite = DateTimeOffset.UtcNow;
    }

    public void Dispose() => ending.Dispose();
}
