using System.Net;
using Omnichannel.Gateway;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The gateway's metrics are for Prometheus inside the cluster, not for whoever reaches its public port.</summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task The_gateway_serves_metrics_on_its_internal_listener_only_not_on_the_public_one_whatever_host_is_asked_for()
    {
        var tokens = new Tokens();
        // The second listener (HTTP/2, as ServiceHost opens it) stands for the chart's internal metrics port.
        await using var gateway = new ServiceHost<Program>(new Dictionary<string, string?> { ["Auth:SigningKey"] = tokens.Settings.SigningKey }, withGrpc: true);
        var internalPort = gateway.GrpcAddress!.Port;
        gateway.With(GatewayDefaults.MetricsPortSetting, internalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        gateway.Start();

        using var publicClient = new HttpClient { BaseAddress = gateway.HttpAddress };
        Assert.NotEqual(HttpStatusCode.OK, (await publicClient.GetAsync("/metrics")).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{internalPort}";
        var spoofedResponse = await publicClient.SendAsync(spoofed);
        Assert.NotEqual(HttpStatusCode.OK, spoofedResponse.StatusCode);
        Assert.DoesNotContain("http_server", await spoofedResponse.Content.ReadAsStringAsync());

        using var internalClient = new HttpClient
        {
            BaseAddress = gateway.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var scraped = await internalClient.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_an_internal_listener_the_gateway_serves_no_metrics()
    {
        var tokens = new Tokens();
        await using var gateway = new ServiceHost<Program>(new Dictionary<string, string?> { ["Auth:SigningKey"] = tokens.Settings.SigningKey }, withGrpc: false);
        gateway.Start();

        using var client = new HttpClient { BaseAddress = gateway.HttpAddress };
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
    }
}
