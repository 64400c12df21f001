using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>No log line of the gateway or the citizens service carries an identity a citizen gave, at any log level.</summary>
public sealed class LogPrivacyTests
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(Capture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                capture.Lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {state} {exception}");
        }
    }

    /// <summary>Every category at every level reaches the capture, whatever the host's configuration filters out
    /// (a rule for one provider wins over the general ones), so the request lines with URLs are seen too.</summary>
    private static void Everything(IServiceCollection services, Capture capture)
    {
        services.AddSingleton<ILoggerProvider>(capture);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFilter<Capture>(null, LogLevel.Trace));
    }

    [Fact]
    public async Task Looking_up_registering_and_unlinking_by_national_id_or_phone_leaves_the_values_in_no_log_line()
    {
        var tokens = new Tokens();
        var capture = new Capture();
        var settings = await TestServers.NewPlatformSettingsAsync(tokens);
        await using var citizens = new ServiceHost<Citizens.Program>(settings, withGrpc: true)
            .WithServices(s => Everything(s, capture));
        citizens.Start();
        var gatewaySettings = PlatformWiring.GatewaySettings(new Dictionary<string, IServiceHost> { ["citizens"] = citizens });
        gatewaySettings["Auth:SigningKey"] = tokens.Settings.SigningKey;
        await using var gateway = new ServiceHost<Program>(gatewaySettings, withGrpc: false).WithServices(s => Everything(s, capture));
        gateway.Start();
        using var app = gateway.Client(tokens.ChannelApp());
        using var staff = gateway.Client(tokens.Staff());
        const string dni = "12345678Z";
        var phone = $"+3465{Random.Shared.Next(1000000, 9999999)}";

        var registered = await app.PostAsJsonAsync("/api/citizens", new { channel = "kiosk", nationalId = dni, phone });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var citizen = (await registered.Content.ReadFromJsonAsync<Platform.Registered>())!.CitizenId;
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = dni })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = phone })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = "87654321X" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = "12345678A" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/citizens/{citizen}/identities/unlinking", new { kind = "phone", value = phone })).StatusCode);

        Assert.NotEmpty(capture.Lines); // the capture works: requests were logged
        var phoneDigits = phone[1..];
        var leaked = capture.Lines.Where(line => line.Contains("12345678") || line.Contains("87654321") || line.Contains(phoneDigits)).ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} log lines carry an identity, e.g.:\n{string.Join("\n", leaked.Take(3).Select(l => l[..Math.Min(l.Length, 600)]))}");
    }
}
