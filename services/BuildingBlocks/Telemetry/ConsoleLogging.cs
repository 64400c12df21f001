using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Omnichannel.BuildingBlocks.Telemetry;

public static class ConsoleLogging
{
    /// <summary>Console lines carry their UTC time, one line each (what `kubectl logs` and the local run's files are read
    /// with); calls to neighbours log only what went wrong — the HTTP client (four) and Polly (one) log Information lines per gRPC call,
    /// which under load is most of the log. Configuration naming these categories (<c>Logging:LogLevel:Grpc</c>) still wins.</summary>
    public static IServiceCollection AddConsoleLogging(this IServiceCollection services)
    {
        services.AddLogging(logging => logging
            // Naming the simple formatter matters: without a formatter name the console logger takes its (obsolete)
            // own options instead of these.
            .AddSimpleConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
                o.SingleLine = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning)); // an "execution attempt" line per call; retries are warnings
        return services;
    }
}
