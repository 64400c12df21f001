using System.CommandLine;
using Npgsql;
using Omnichannel.Cli.Analysts;
using Omnichannel.Cli.Replay;
using Spectre.Console;

namespace Omnichannel.Cli.Commands;

/// <summary>
/// <c>replay list|compare|rebuild --service S [--projection P]</c>: a service's projections as its Marten
/// configuration declares them; a projection replayed from its events into a scratch schema and compared with the
/// live read model (exit 0 when they agree, 1 when rows differ); or rebuilt in place, the live services running
/// (<see cref="ProjectionReplay"/>). Unlike the export it writes, so it needs the service's own role, not the
/// analysts' read-only one. Bad input (unknown service or projection) → one line, exit 2; database errors → exit 3.
/// </summary>
public static class ReplayCommand
{
    public const string ConnectionVariable = "OMNI_REPLAY_CONNECTION";

    public static Command Create() => new("replay", "Replay a service's events into a projection: list, compare with the live read model, rebuild.")
    {
        List(), Compare(), Rebuild(),
    };

    private static Option<string?> Connection() => new("--connection")
    {
        Description = $"Npgsql connection string of a role that may write the service's schema (default ${ConnectionVariable}).",
    };

    private static Option<string> Service() => new("--service")
    {
        Description = $"The service: {string.Join(", ", ServiceCatalog.Names)}.",
        Required = true,
    };

    private static Option<string> Projection() => new("--projection")
    {
        Description = "The projection's name, as `replay list` prints it.",
        Required = true,
    };

    private static Option<bool> Quiet() => new("--quiet") { Description = "No progress bar." };

    private static Command List()
    {
        var service = Service();
        var command = new Command("list", "The service's projections, their lifecycle and the documents they write.") { service };
        command.SetAction((parseResult, _) => Run(parseResult, async (_, _) =>
        {
            var replay = new ProjectionReplay(ServiceStores.SetupOf(parseResult.GetValue(service)!), "Host=unused");
            var table = new Table().AddColumns("projection", "lifecycle", "documents");
            foreach (var p in replay.Projections())
                table.AddRow(Markup.Escape(p.Name), p.Lifecycle.ToString().ToLowerInvariant(), Markup.Escape(string.Join(", ", p.Documents.Select(d => d.Name))));
            Console(parseResult).Write(table);
            return await Task.FromResult(0);
        }));
        return command;
    }

    private static Command Compare()
    {
        var (connection, service, projection, quiet) = (Connection(), Service(), Projection(), Quiet());
        var show = new Option<int>("--show") { Description = "Differences printed (all are counted).", DefaultValueFactory = _ => 20 };
        var keep = new Option<bool>("--keep-scratch") { Description = "Keep the scratch schema for a closer look (dropped otherwise)." };
        var command = new Command("compare", "Replay into a scratch schema and print the rows that differ from the live read model (exit 1 if any).")
        {
            connection, service, projection, show, keep, quiet,
        };
        command.SetAction((parseResult, ct) => Run(parseResult, async (output, error) =>
        {
            var replay = new ProjectionReplay(ServiceStores.SetupOf(parseResult.GetValue(service)!), ConnectionString(parseResult.GetValue(connection)));
            var info = replay.Find(parseResult.GetValue(projection)!);
            var result = await WithProgressAsync(parseResult.GetValue(quiet), $"replay {info.Name}", p =>
                replay.CompareAsync(info, parseResult.GetValue(show), parseResult.GetValue(keep), p, ct));

            output.WriteLine($"Replayed {replay.Service}/{info.Name} up to position {result.Ceiling} into {result.Scratch}"
                             + (parseResult.GetValue(keep) ? " (kept)" : "") + $": {result.ReplayedRows:N0} rows replayed, {result.LiveRows:N0} live.");
            if (result.MovedOn > 0)
                output.WriteLine($"{result.MovedOn:N0} live rows were written after the replay's ceiling and are not compared.");
            if (result.DifferenceCount == 0)
            {
                output.WriteLine("No difference: the live read model is what its events give.");
                return 0;
            }
            output.WriteLine($"{result.DifferenceCount:N0} rows differ{(result.DifferenceCount > result.Differences.Count ? $" (first {result.Differences.Count} shown)" : "")}:");
            var table = new Table().AddColumns("table", "council", "id", "difference", "live", "replayed");
            foreach (var d in result.Differences)
                table.AddRow(Markup.Escape(d.Table), Markup.Escape(d.Council), Markup.Escape(d.Id), d.Kind switch
                {
                    DifferenceKind.OnlyLive => "only live",
                    DifferenceKind.OnlyReplayed => "only replayed",
                    _ => "differs",
                }, Markup.Escape(Describe(d.Live, d.Replayed)), Markup.Escape(Describe(d.Replayed, d.Live)));
            Console(parseResult).Write(table);
            return 1;
        }));
        return command;
    }

    private static Command Rebuild()
    {
        var (connection, service, projection, quiet) = (Connection(), Service(), Projection(), Quiet());
        var command = new Command("rebuild", "Rebuild a projection's read model from its events, the services running.")
        {
            connection, service, projection, quiet,
        };
        command.SetAction((parseResult, ct) => Run(parseResult, async (output, _) =>
        {
            var replay = new ProjectionReplay(ServiceStores.SetupOf(parseResult.GetValue(service)!), ConnectionString(parseResult.GetValue(connection)));
            var info = replay.Find(parseResult.GetValue(projection)!);
            var result = await WithProgressAsync(parseResult.GetValue(quiet), $"rebuild {info.Name}", p => replay.RebuildAsync(info, p, ct));
            output.WriteLine($"Rebuilt {replay.Service}/{info.Name} up to position {result.Ceiling}: {result.Rows:N0} rows; "
                             + $"{result.Replaced:N0} replaced, {result.Inserted:N0} added, {result.Deleted:N0} removed"
                             + (result.MovedOn > 0 ? $", {result.MovedOn:N0} written by the service meanwhile left as they are" : "") + ".");
            return 0;
        }));
        return command;
    }

    /// <summary>The data of one side, shortened to the fields that differ from the other side when both are objects.</summary>
    private static string Describe(string? json, string? other)
    {
        if (json is null) return "—";
        try
        {
            using var a = System.Text.Json.JsonDocument.Parse(json);
            if (other is null || a.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return Shorten(json);
            using var b = System.Text.Json.JsonDocument.Parse(other);
            var differing = a.RootElement.EnumerateObject()
                .Where(p => !b.RootElement.TryGetProperty(p.Name, out var q) || q.GetRawText() != p.Value.GetRawText())
                .Select(p => $"{p.Name}: {p.Value.GetRawText()}")
                .ToArray();
            return Shorten(differing.Length == 0 ? "(fields missing here)" : string.Join(", ", differing));
        }
        catch (System.Text.Json.JsonException)
        {
            return Shorten(json);
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "…";

    private static string ConnectionString(string? given) =>
        given ?? Environment.GetEnvironmentVariable(ConnectionVariable)
        ?? throw new ReplayInputException($"No database: give --connection or set {ConnectionVariable} (a role that may write the service's schema).");

    private static IAnsiConsole Console(ParseResult parseResult)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
        // Into a file or a pipe, ids are not wrapped mid-way (they are what one greps for).
        if (System.Console.IsOutputRedirected || parseResult.InvocationConfiguration.Output != System.Console.Out) console.Profile.Width = 400;
        return console;
    }

    private static async Task<T> WithProgressAsync<T>(bool quiet, string description, Func<Action<ReplayProgress>?, Task<T>> run)
    {
        if (quiet || System.Console.IsErrorRedirected) return await run(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: 1);
                var result = await run(p =>
                {
                    task.MaxValue = Math.Max(1, p.Ceiling);
                    task.Value = Math.Min(p.Position, task.MaxValue);
                });
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static async Task<int> Run(ParseResult parseResult, Func<TextWriter, TextWriter, Task<int>> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await action(parseResult.InvocationConfiguration.Output, error);
        }
        catch (ReplayInputException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Interrupted: the live read model was not changed (a scratch schema is dropped).");
            return 130;
        }
        catch (NpgsqlException e)
        {
            error.WriteLine($"Database error: {e.Message}");
            return 3;
        }
    }
}
