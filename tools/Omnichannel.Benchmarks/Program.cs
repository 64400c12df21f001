using System.Diagnostics;
using Omnichannel.Benchmarks;

// A measurement, not a test: every figure is printed whatever it is, a missed goal does not fail the run;
// an error (a server missing, a request refused, an event never showing up) does.
try
{
    var options = BenchOptions.Parse(args);
    // The hosted services find their content roots through MvcTestingAppManifest.json, which
    // WebApplicationFactory looks up in the current directory: `dotnet run` leaves us elsewhere.
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
    var report = new Report();
    var total = Stopwatch.StartNew();

    Console.WriteLine("Omnichannel benchmark — real PostgreSQL and RabbitMQ on this machine, nothing mocked.");
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                      $".NET {Environment.Version}, {(Debugger.IsAttached ? "DEBUGGER ATTACHED" : BuildConfiguration.Name)} build.");
    Console.WriteLine($"Load average at start: {LoadAverage()} — other work on this machine disturbs every figure; both sides of a ratio alike.");
    Console.WriteLine();

    if (options.Only is null or "appends") await new AppendThroughput(options, report).RunAsync();
    if (options.Only is null or "latency") await new HistoryLatency(options, report).RunAsync();
    if (options.Only is null or "gateway") await new GatewayOverhead(options, report).RunAsync();
    // Only when asked for: seeding 100,000 incidents takes longer than the rest of the run together.
    if (options.Only is "sla") await new SlaWatcherBenchmark(options, report).RunAsync();
    // Only when asked for: seeding a million events takes a while.
    if (options.Only is "export") await new ExportBenchmark(options, report).RunAsync();
    if (options.Only is null or "webhook") await new WebhookLatency(options, report).RunAsync();
    if (options.Only is null or "heartbeats") await new HeartbeatThroughput(report).RunAsync();
    // Only when asked for: 100,000 members at the configured pace take minutes (--alert-subscribers N to shrink it).
    if (options.Only is "alert") await new AlertDelivery(options, report).RunAsync();

    Console.WriteLine();
    report.Print(Console.Out);
    Console.WriteLine();
    Console.WriteLine($"(whole run: {total.Elapsed.TotalSeconds:F0} s; load average at the end: {LoadAverage()})");
    Console.WriteLine(report.Summary());
    return 0;
}
catch (BenchUsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e)
{
    Console.Error.WriteLine($"benchmark failed: {e}");
    return 1;
}

// The 1, 5 and 15-minute load averages, where the system tells them (Linux).
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

internal static class BuildConfiguration
{
#if DEBUG
    public const string Name = "Debug (figures are not representative)";
#else
    public const string Name = "Release";
#endif
}
