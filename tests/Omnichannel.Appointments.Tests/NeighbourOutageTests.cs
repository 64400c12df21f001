using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>Appointments with its neighbours (procedures, citizens) unreachable: every answer that needs them is a 503
/// problem saying to try again, not a 500.</summary>
public sealed class NeighbourOutageTests : IAsyncLifetime
{
    private readonly Tokens tokens = new();
    private ServiceHost<Program> appointments = null!;

    public async Task InitializeAsync()
    {
        var settings = await TestServers.NewPlatformSettingsAsync(tokens);
        // No async daemon: nothing here needs it, and stopping it a moment after it started can throw inside Marten's
        // projection coordinator (ObjectDisposedException from its CancellationTokenSource), failing the disposal.
        appointments = new ServiceHost<Program>(settings, withGrpc: true)
            .With("Daemon:Enabled", "false")
            .With("Services:Procedures:Grpc", "http://127.0.0.1:1")
            .With("Services:Citizens:Grpc", "http://127.0.0.1:1");
        appointments.Start();
    }

    public async Task DisposeAsync() => await appointments.DisposeAsync();

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("try again", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Searching_slots_while_the_catalogue_is_down_is_a_503_problem()
    {
        var response = await appointments.Client(tokens.ChannelApp()).GetAsync("/api/appointments/slots?procedureCode=census-registration");

        await AssertUnavailable(response);
    }

    [Fact]
    public async Task Booking_while_the_neighbours_are_down_is_a_503_problem()
    {
        var response = await appointments.Client(tokens.ChannelApp()).PostAsJsonAsync($"/api/appointments/citizens/{Guid.NewGuid()}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = DateTimeOffset.UtcNow.AddDays(3), channel = "phone" });

        await AssertUnavailable(response);
    }
}
