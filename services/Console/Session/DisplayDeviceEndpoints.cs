using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Session;

/// <summary>
/// The waiting-room display's plain HTTP side: setting a TV up (the form of <c>/display/setup</c> posts to <c>/display/device</c>; the
/// cookie is written on a full request) and the relay of its office's display feed, which the page reads with an
/// <c>EventSource</c>. The relay keeps the device token on the server and works without any interactive circuit; when
/// the queues service (or anything on the way) is gone it ends the stream or answers 503, and the page reconnects.
/// </summary>
public static class DisplayDeviceEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/display/device", async (HttpContext http, IAntiforgery antiforgery, DisplayDevices devices) =>
        {
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var credential = form["credential"].ToString().Trim();
            var languages = form["languages"].Where(l => l is not null && T.Languages.Contains(l)).Select(l => l!).Distinct().ToList();
            if (languages.Count == 0) languages = [.. T.Languages];
            var root = $"{http.Request.PathBase}/display";
            // The credential never goes into a URL, not even back to the form.
            if (credential.Length is 0 or > 200) return Results.Redirect($"{root}/setup?error=missing");
            var setUp = await devices.SetUpAsync(credential, languages, http.RequestAborted);
            if (setUp is null) return Results.Redirect($"{root}/setup?error=refused");
            http.Response.Cookies.Append(DisplayDevices.CookieName, setUp.CookieValue, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = root,
                MaxAge = DisplayDevices.CookieLifetime,
                IsEssential = true,
            });
            return Results.Redirect($"{root}/{Uri.EscapeDataString(setUp.OfficeId)}");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        app.MapGet("/display/{office}/feed", Relay).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task Relay(string office, HttpContext http, DisplayDevices devices)
    {
        var ct = http.RequestAborted;
        var device = await devices.FindAsync(http, ct);
        if (device is null)
        {
            await Refuse(http, StatusCodes.Status401Unauthorized, "This screen is not set up as a display.");
            return;
        }
        if (device.OfficeId != office)
        {
            await Refuse(http, StatusCodes.Status403Forbidden, "This display shows another office.");
            return;
        }

        HttpResponseMessage upstream;
        try
        {
            var token = await devices.TokenAsync(device, ct);
            if (token is null)
            {
                await Refuse(http, StatusCodes.Status401Unauthorized, "The display's credential is no longer accepted.");
                return;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/queues/offices/{Uri.EscapeDataString(office)}/display?waits=true");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connecting.CancelAfter(TimeSpan.FromSeconds(15));
            upstream = await devices.Gateway().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connecting.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            await Unavailable(http);
            return;
        }

        using (upstream)
        {
            if (upstream.StatusCode == HttpStatusCode.Unauthorized) devices.Forget(device);
            if (!upstream.IsSuccessStatusCode)
            {
                await Unavailable(http);
                return;
            }

            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            try
            {
                // The browser retries a dropped stream after a second (then the page backs off on refusals).
                await http.Response.WriteAsync("retry: 1000\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                await using var body = await upstream.Content.ReadAsStreamAsync(ct);
                var buffer = new byte[8192];
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), ct);
                    await http.Response.Body.FlushAsync(ct);
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
            {
                // The screen went away, or the feed dropped (queues restarting): ending the stream makes the page reconnect.
            }
        }
    }

    private static Task Refuse(HttpContext http, int status, string detail) =>
        Results.Problem(statusCode: status, title: status == 401 ? "Not a display." : "Not this display's office.", detail: detail).ExecuteAsync(http);

    private static Task Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "2";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The display feed is not available right now.",
            detail: "The page tries again by itself.").ExecuteAsync(http);
    }
}
