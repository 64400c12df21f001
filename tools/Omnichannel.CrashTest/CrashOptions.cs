namespace Omnichannel.CrashTest;

/// <summary>What one experiment does; tools/crash.sh passes the servers through the environment.</summary>
public sealed record CrashOptions
{
    public int Rounds { get; init; } = 3;
    public IReadOnlyList<string> Targets { get; init; } = [];
    public double RequestsPerSecond { get; init; } = 20;
    public int Workers { get; init; } = 6;
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(20);
    public TimeSpan Gap { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan RecoverTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public required string Root { get; init; }
    public required string Postgres { get; init; }
    public required string RabbitMqDataDir { get; init; }

    public const string Broker = "rabbitmq";

    public const string Usage = """
        usage: tools/crash.sh [--no-build] [options]
          --rounds N          kills of each target (default 3)
          --targets a,b,...   services of PlatformServices and/or rabbitmq (default: every service, then rabbitmq)
          --rate R            requests per second of load, all workers together (default 20)
          --workers N         concurrent clients (default 6)
          --duration S        hard limit on the whole run in seconds (default 1200): then it reports what it has
          --gap S             seconds of steady load between a recovery and the next kill (default 5)
          --recover-timeout S seconds a kill may take to recover before it is reported as not recovered (default 120)
        """;

    public static CrashOptions Parse(string[] args, IReadOnlyList<string> services)
    {
        string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
            : throw new ArgumentException($"{name} is not set: run the experiment through tools/crash.sh");
        var options = new CrashOptions
        {
            Root = Env("OMNI_CRASH_ROOT"),
            Postgres = Env("OMNI_CRASH_POSTGRES"),
            RabbitMqDataDir = Env("OMNI_CRASH_RABBITMQ_DIR"),
            Targets = [.. services, Broker],
        };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = int.Parse(Next()) },
                "--targets" => options with { Targets = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--rate" => options with { RequestsPerSecond = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--workers" => options with { Workers = int.Parse(Next()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(int.Parse(Next())) },
                "--gap" => options with { Gap = TimeSpan.FromSeconds(int.Parse(Next())) },
                "--recover-timeout" => options with { RecoverTimeout = TimeSpan.FromSeconds(int.Parse(Next())) },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        var unknown = options.Targets.Where(t => t != Broker && !services.Contains(t)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown targets [{string.Join(", ", unknown)}]; known: {string.Join(", ", services)}, {Broker}");
        if (options.Rounds < 0 || options.RequestsPerSecond <= 0 || options.Workers <= 0) throw new ArgumentException("--rounds, --rate and --workers must be positive");
        return options;
    }
}
