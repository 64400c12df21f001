using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.BuildingBlocks.Tests.Http;

/// <summary>A request a replica is still working on, or takes, while it stops (a restart, a roll-out) is a 503 to try
/// again, not a 500: a screen reconnecting to the demand board's feed got 500s while queues restarted.</summary>
public sealed class StoppingReplicaTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private readonly TaskCompletionSource working = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(ProblemTranslator.For(typeof(StoppingReplicaTests).Assembly));
        builder.Services.AddProblemHandling();
        app = builder.Build();
        app.UseProblemHandling();
        // As a feed does: its work is cut short when the replica stops.
        app.MapGet("/feed", async (IHostApplicationLifetime lifetime) =>
        {
            working.TrySetResult();
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping);
            return "never";
        });
        app.MapGet("/broken", string () => throw new OperationCanceledException("not a stop"));
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Work_cut_short_by_the_replica_stopping_is_a_503_to_try_again_in_the_callers_language()
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feed");
        request.Headers.TryAddWithoutValidation("Accept-Language", "ca");
        var answer = client.SendAsync(request);
        await working.Task.WaitAsync(TimeSpan.FromSeconds(10));

        app.Lifetime.StopApplication();

        using var response = await answer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No disponible temporalment.", problem.GetProperty("title").GetString());
        Assert.Equal("Aquesta instància del servei s'està aturant. Torneu-ho a provar d'aquí a un moment.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_cancellation_while_the_replica_runs_is_still_an_error_of_ours()
    {
        using var client = app.GetTestClient();
        using var response = await client.GetAsync("/broken");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
