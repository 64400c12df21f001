using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.AppHost;

/// <summary>
/// Follows the services and the gateway while the run goes on: copies each one's console output to
/// <c>{logs}/{name}.log</c> as well as to the dashboard (so logs can be read without a browser), and says on the
/// console (lines starting "omni: ", which tools/run.sh shows) when one exits or fails to start — the others keep
/// running, and the dashboard can start it again.
/// </summary>
internal static partial class ResourceWatch
{
    /// <summary>The time the orchestrator put before each line; the services' own lines carry theirs.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d\d-\d\dT[\d:.]+Z ")]
    private static partial System.Text.RegularExpressions.Regex OrchestratorTime();

    private static readonly HashSet<string> Ended = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    public static async Task RunAsync(IServiceProvider services, string? logs, CancellationToken stopping)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var logger = services.GetRequiredService<ResourceLoggerService>();
        var copied = new HashSet<string>();
        var last = new Dictionary<string, string?>();
        if (logs is not null) Directory.CreateDirectory(logs);
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping))
            {
                if (change.Resource is not ExecutableResource) continue;
                var name = change.Resource.Name;
                // An instance's logs can be watched once it exists (its id is DCP's, known only from its notifications).
                if (logs is not null && copied.Add(change.ResourceId))
                    _ = Task.Run(() => CopyAsync(logger, change.ResourceId, Path.Combine(logs, $"{name}.log"), name, stopping));

                var state = change.Snapshot.State?.Text;
                var was = last.GetValueOrDefault(change.ResourceId);
                last[change.ResourceId] = state;
                if (state is null || state == was || !Ended.Contains(state) || stopping.IsCancellationRequested) continue;
                var where = logs is null ? "the dashboard" : Path.Combine(logs, $"{name}.log");
                Console.WriteLine($"omni: {name} {(state == KnownResourceStates.FailedToStart ? "failed to start" : "exited")}"
                    + $"{(change.Snapshot.ExitCode is { } code ? $" (exit code {code})" : "")}; the others keep running. See {where}.");
            }
        }
        catch (OperationCanceledException)
        {
            // the run is stopping
        }
    }

    private static async Task CopyAsync(ResourceLoggerService logger, string resourceId, string path, string name, CancellationToken stopping)
    {
        await using var file = new StreamWriter(path, append: true) { AutoFlush = true };
        await file.WriteLineAsync($"===== {DateTimeOffset.UtcNow:O}: the AppHost starts {name} =====");
        try
        {
            await foreach (var batch in logger.WatchAsync(resourceId).WithCancellation(stopping))
                foreach (var line in batch)
                    await file.WriteLineAsync(OrchestratorTime().Replace(line.Content, "", 1));
        }
        catch (OperationCanceledException)
        {
            // the run is stopping
        }
    }
}
