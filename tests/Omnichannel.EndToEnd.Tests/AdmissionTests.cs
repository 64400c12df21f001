using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The gateway's admission control for flash crowds, in front of an appointments service that holds every
/// booking until the test lets it go (so "how many are inside" is exact, not a race).</summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task Bookings_beyond_the_admission_limit_are_refused_at_once_with_retry_after_and_never_reach_the_service()
    {
        await using var backend = await HeldBackend.StartAsync();
        var tokens = new Tokens();
        await using var gateway = Gateway(backend, tokens, ("Admission:InFlight:booking", "2"));
        using var client = new HttpClient { BaseAddress = gateway.HttpAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.ChannelApp());
        Task<HttpResponseMessage> Book(Guid citizen) =>
            client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings", new { officeId = "connecta-space" });

        var inside = new[] { Book(Guid.NewGuid()), Book(Guid.NewGuid()) };
        await backend.WaitForAsync(2);

        var late = Guid.NewGuid();
        var refused = await Book(late);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing was done", await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, backend.Received);

        // Refusals happen before the per-citizen limit (3 at once): a citizen turned away five times can still book.
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.TooManyRequests, (await Book(late)).StatusCode);
        backend.Release();
        Assert.All(await Task.WhenAll(inside), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, (await Book(late)).StatusCode);
        Assert.Equal(3, backend.Received);
    }

    [Fact]
    public async Task Reads_beyond_the_read_limit_are_refused_at_once_so_an_overloaded_service_is_answered_quickly()
    {
        await using var backend = await HeldBackend.StartAsync();
        var tokens = new Tokens();
        await using var gateway = Gateway(backend, tokens, ("Admission:InFlight:read", "2"));
        using var client = gateway.Client(tokens.ChannelApp());

        var inside = new[] { client.GetAsync("/api/appointments/offices"), client.GetAsync("/api/appointments/offices") };
        await backend.WaitForAsync(2);

        var refused = await client.GetAsync("/api/appointments/offices");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(2, backend.Received);
        // Writes are admitted on their own: the reads filling the service do not turn a booking away.
        var booking = client.PostAsJsonAsync($"/api/appointments/citizens/{Guid.NewGuid()}/bookings", new { officeId = "connecta-space" });
        await backend.WaitForAsync(3);
        backend.Release();
        Assert.Equal(HttpStatusCode.Created, (await booking).StatusCode);
        Assert.All(await Task.WhenAll(inside), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/appointments/offices")).StatusCode);
    }

    [Fact]
    public async Task A_client_given_a_larger_allowance_is_not_refused_where_the_default_refuses_others()
    {
        await using var backend = await HeldBackend.StartAsync();
        backend.Release();
        var tokens = new Tokens();
        await using var gateway = Gateway(backend, tokens,
            ("RateLimiting:PermitsPerMinute", "1"), ("RateLimiting:BurstPermits", "2"),
            ("RateLimiting:Clients:web-portal:PermitsPerMinute", "600"), ("RateLimiting:Clients:web-portal:BurstPermits", "20"));
        using var kiosk = gateway.Client(tokens.ChannelApp());
        using var portal = gateway.Client(tokens.ChannelApp(subject: "web-portal"));

        var kioskAnswers = new List<HttpStatusCode>();
        var portalAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            kioskAnswers.Add((await kiosk.GetAsync("/api/appointments/offices")).StatusCode);
            portalAnswers.Add((await portal.GetAsync("/api/appointments/offices")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], kioskAnswers);
        Assert.All(portalAnswers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>A started gateway in front of <paramref name="backend"/> as the appointments service, with these settings.</summary>
    private static ServiceHost<Program> Gateway(HeldBackend backend, Tokens tokens, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = tokens.Settings.SigningKey,
            ["services:appointments:http"] = backend.Address.ToString(),
        };
        foreach (var (key, value) in settings) all[key] = value;
        var gateway = new ServiceHost<Program>(all, withGrpc: false);
        gateway.Start();
        return gateway;
    }

    /// <summary>Stands for the appointments service: answers every booking with 201 and the office list with 200, but only
    /// once released.</summary>
    private sealed class HeldBackend : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int received;

        private HeldBackend(WebApplication app, Uri address)
        {
            this.app = app;
            Address = address;
        }

        public Uri Address { get; }

        public int Received => Volatile.Read(ref received);

        public static async Task<HeldBackend> StartAsync()
        {
            var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls(address.ToString());
            var app = builder.Build();
            var backend = new HeldBackend(app, address);
            app.MapPost("/api/appointments/citizens/{citizenId}/bookings", async () =>
            {
                Interlocked.Increment(ref backend.received);
                await backend.released.Task;
                return Results.StatusCode(StatusCodes.Status201Created);
            });
            app.MapGet("/api/appointments/offices", async () =>
            {
                Interlocked.Increment(ref backend.received);
                await backend.released.Task;
                return Results.Ok(Array.Empty<object>());
            });
            await app.StartAsync();
            return backend;
        }

        public Task WaitForAsync(int count) =>
            Eventually.Until(() => Task.FromResult(Received), n => n >= count, TimeSpan.FromSeconds(10), $"{count} requests inside the service");

        public void Release() => released.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            Release();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
