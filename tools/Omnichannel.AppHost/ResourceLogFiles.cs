using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.AppHost;

/// <summary>Writes each service's console output to <c>{directory}/{name}.log</c> as well as to the dashboard, so the
/// local run's logs can be read (and tailed when a service fails to start) without a browser.</summary>
internal static class ResourceLogFiles
{
    public static Task CopyAsync(IServiceProvider services, string directory, CancellationToken stopping)
    {
        Directory.CreateDirectory(directory);
        var logs = services.GetRequiredService<ResourceLoggerService>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        return Task.WhenAll(model.Resources.OfType<ExecutableResource>().Select(resource => Task.Run(() => CopyAsync(logs, resource, directory, stopping))));
    }

    private static async Task CopyAsync(ResourceLoggerService logs, IResource resource, string directory, CancellationToken stopping)
    {
        await using var file = new StreamWriter(Path.Combine(directory, $"{resource.Name}.log"), append: true) { AutoFlush = true };
        await file.WriteLineAsync($"===== {DateTimeOffset.Now:O}: the AppHost starts {resource.Name} =====");
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopping))
                foreach (var line in batch)
                    await file.WriteLineAsync(line.Content);
        }
        catch (OperationCanceledException)
        {
            // the run is stopping
        }
    }
}
