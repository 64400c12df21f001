using System.Net;
using System.Net.Http.Headers;

namespace Omnichannel.StaffConsole.Gateway;

/// <summary>How a following of the board's push ended: the stream dropped (reconnect), or the platform refused it
/// (signed out, or no longer allowed); <paramref name="Why"/> for the log (no personal data).</summary>
public sealed record BoardFeedEnd(bool Refused, string Why)
{
    public static BoardFeedEnd Dropped(string why) => new(false, why);
    public static BoardFeedEnd Refusal(string why) => new(true, why);
}

public sealed partial class GatewayClient
{
    /// <summary>Follows the office's demand-board changes (queues' staff SSE feed, through the gateway, with the member of
    /// staff's token held on the server): <paramref name="connected"/> once the feed answers, then <paramref name="changed"/>
    /// for each <c>changed</c> event (the first comes at once, so a reconnection reads the board). Returns when the stream
    /// ends; never throws for the network.</summary>
    public async Task<BoardFeedEnd> FollowBoardAsync(string office, Action connected, Action changed, CancellationToken ct)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        string? token;
        try
        {
            token = await tokens.AccessTokenAsync(user, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return BoardFeedEnd.Dropped(e.GetType().Name); // the session store is away for now
        }
        if (token is null) return BoardFeedEnd.Refusal("signed out");

        // A fresh client of the factory's: its timeout may be lifted, as the feed lasts as long as the screen is open.
        var client = factory.CreateClient(Name);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/queues/offices/{E(office)}/board/changes");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        try
        {
            HttpResponseMessage response;
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connecting.CancelAfter(TimeSpan.FromSeconds(15));
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connecting.Token);
            }
            using (response)
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                    return BoardFeedEnd.Refusal($"{(int)response.StatusCode}");
                if (!response.IsSuccessStatusCode) return BoardFeedEnd.Dropped($"{(int)response.StatusCode}");
                connected();
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                using var reader = new StreamReader(body);
                string? kind = null;
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal)) kind = line["event:".Length..].Trim();
                    else if (line.Length == 0)
                    {
                        if (kind == "changed") changed();
                        kind = null;
                    }
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Queues or the gateway went away: the caller reconnects.
            return BoardFeedEnd.Dropped(e.GetType().Name);
        }
        return BoardFeedEnd.Dropped("the stream ended");
    }
}
