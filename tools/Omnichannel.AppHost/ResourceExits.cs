using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.AppHost;

/// <summary>Says on the console (lines starting "omni: ", which tools/run.sh shows) when a service or the gateway
/// exits or fails to start while the run goes on; the others keep running, and the dashboard can start it again.</summary>
internal static class ResourceExits
{
    private static readonly HashSet<string> Ended = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    public static async Task ReportAsync(IServiceProvider services, string? logs, CancellationToken stopping)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var last = new Dictionary<string, string?>();
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping))
            {
                if (change.Resource is not ExecutableResource) continue;
                var state = change.Snapshot.State?.Text;
                var was = last.GetValueOrDefault(change.Resource.Name);
                last[change.Resource.Name] = state;
                if (state is null || state == was || !Ended.Contains(state) || stopping.IsCancellationRequested) continue;
                var log = logs is null ? "the dashboard" : Path.Combine(logs, $"{change.Resource.Name}.log");
                Console.WriteLine($"omni: {change.Resource.Name} {(state == KnownResourceStates.FailedToStart ? "failed to start" : "exited")}"
                    + $"{(change.Snapshot.ExitCode is { } code ? $" (exit code {code})" : "")}; the others keep running. See {log}.");
            }
        }
        catch (OperationCanceledException)
        {
            // the run is stopping
        }
    }
}
