using System.Collections.Concurrent;
using System.Text.Json;

namespace Omnichannel.Testing;

/// <summary>A server-sent-events client, as a waiting-room screen: reads "event:"/"data:" blocks one at a time.</summary>
public sealed class DisplayScreen(HttpClient client, string path) : IDisposable
{
    public sealed record ServerEvent(string Type, string? Id, JsonElement Data);

    private HttpResponseMessage? response;
    private StreamReader? reader;

    public async Task ConnectAsync(CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"Not an event stream: {response.Content.Headers.ContentType}");
        reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>Reads until cancelled, noting when each ticket's first call arrived (by <paramref name="now"/>): the raw
    /// feed's latency the benchmarks put beside a page's.</summary>
    public async Task RecordFirstCallsAsync(ConcurrentDictionary<string, double> firstCalls, Func<double> now, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var e = await NextAsync(ct);
                if (e.Type == "called" && e.Data.GetProperty("call").GetInt32() == 1)
                    firstCalls.TryAdd(e.Data.GetProperty("number").GetString()!, now());
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The next event (comments and heartbeats skipped).</summary>
    public async Task<ServerEvent> NextAsync(CancellationToken ct)
    {
        string? type = null, id = null, data = null;
        while (true)
        {
            var line = await reader!.ReadLineAsync(ct) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data is not null) return new ServerEvent(type ?? "message", id, JsonDocument.Parse(data).RootElement.Clone());
                continue;
            }
            if (line.StartsWith(':')) continue;
            if (line.StartsWith("event: ")) type = line[7..];
            else if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("data: ")) data = line[6..];
        }
    }

    public void Dispose()
    {
        reader?.Dispose();
        response?.Dispose();
        client.Dispose();
    }
}
