using System.CommandLine;
using System.Globalization;
using Npgsql;
using Omnichannel.Cli.Analysts;
using Spectre.Console;

namespace Omnichannel.Cli.Commands;

/// <summary>
/// <c>export --format ndjson|csv|parquet --output FILE [filters] [--pseudonymise]</c>: the selected events, streamed
/// in constant memory with a progress bar on stderr. stdout gets one line at the end, also after Ctrl-C:
/// <c>position: procedures=120,citizens=45</c> — give it to <c>--after</c> (with the same filters, to a new file) to
/// go on with no event lost or repeated. Exit 0 when complete, 130 when interrupted, 2 on bad input, 3 when the
/// database cannot be read.
/// </summary>
public static class ExportCommand
{
    public const string ConnectionVariable = "OMNI_ANALYTICS_CONNECTION";

    public static Option<string?> ConnectionOption() => new("--connection")
    {
        Description = $"Npgsql connection string of the read-only role (default ${ConnectionVariable}).",
    };

    public static Command Create()
    {
        var connection = ConnectionOption();
        var services = new Option<string[]>("--service") { Description = $"Service(s) to export (default: all). One of: {string.Join(", ", ServiceCatalog.Names)}.", AllowMultipleArgumentsPerToken = true };
        var types = new Option<string[]>("--type") { Description = "Event type(s), as stored (e.g. case_submitted).", AllowMultipleArgumentsPerToken = true };
        var councils = new Option<string[]>("--council") { Description = "Council(s) (tenant ids).", AllowMultipleArgumentsPerToken = true };
        var streams = new Option<string[]>("--stream") { Description = "Stream id(s).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "Appended at or after this instant (ISO 8601, e.g. 2026-01-01T00:00:00Z)." };
        var to = new Option<string?>("--to") { Description = "Appended before this instant." };
        var after = new Option<string?>("--after") { Description = "Position to resume from: service=N[,service=N…] (a bare N with one --service)." };
        var upTo = new Option<string?>("--up-to") { Description = "Last position to export, per service (default: the high-water mark)." };
        var format = new Option<string>("--format") { Description = "ndjson, csv or parquet.", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("ndjson", "csv", "parquet");
        var output = new Option<string>("--output", "-o") { Description = "File to write ('-' for stdout, NDJSON and CSV only).", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing file." };
        var pseudonymise = new Option<bool>("--pseudonymise") { Description = "Citizen ids → keyed hash (stable within this export); identity values and free texts dropped." };
        var pageSize = new Option<int>("--page-size") { Description = "Events per query.", DefaultValueFactory = _ => 20_000 };
        var rowGroup = new Option<int>("--row-group-size") { Description = "Events per Parquet row group.", DefaultValueFactory = _ => 10_000 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };

        var command = new Command("export", "Export events as NDJSON, CSV or Parquet, resumably.")
        {
            connection, services, types, councils, streams, from, to, after, upTo, format, output, overwrite, pseudonymise, pageSize, rowGroup, quiet,
        };
        command.SetAction((parseResult, cancellationToken) => AnalystRun.ExitCodeAsync(parseResult, async () =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var stdout = parseResult.InvocationConfiguration.Output;
            var selected = parseResult.GetValue(services) is { Length: > 0 } s ? s.Distinct().ToArray() : ServiceCatalog.Names.ToArray();
            foreach (var service in selected)
                if (!ServiceCatalog.Exists(service))
                    throw new ExportInputException($"Unknown service '{service}'. Services: {string.Join(", ", ServiceCatalog.Names)}.");
            var filter = new ExportFilter
            {
                Services = ServiceCatalog.Names.Where(selected.Contains).ToArray(),
                EventTypes = parseResult.GetValue(types) ?? [],
                Councils = parseResult.GetValue(councils) ?? [],
                Streams = parseResult.GetValue(streams) ?? [],
                From = AnalystRun.Instant(parseResult.GetValue(from), "--from"),
                To = AnalystRun.Instant(parseResult.GetValue(to), "--to"),
                After = PositionsOf(parseResult.GetValue(after), selected, "--after"),
                UpTo = PositionsOf(parseResult.GetValue(upTo), selected, "--up-to"),
            };
            var chosen = Enum.Parse<ExportFormat>(parseResult.GetValue(format)!, ignoreCase: true);
            var path = parseResult.GetValue(output)!;
            if (path == "-" && chosen == ExportFormat.Parquet)
                throw new ExportInputException("--output -: Parquet needs a file (its footer is written at the end); give a file name.");
            var options = new ExportOptions
            {
                Filter = filter,
                Format = chosen,
                Pseudonymise = parseResult.GetValue(pseudonymise),
                PageSize = parseResult.GetValue(pageSize),
                RowGroupSize = parseResult.GetValue(rowGroup),
            };
            var replace = parseResult.GetValue(overwrite);
            Stream Open() => path == "-"
                ? Console.OpenStandardOutput()
                : new FileStream(path, replace ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
            if (path != "-" && !replace && File.Exists(path))
                throw new ExportInputException($"{path} exists: give a new file (a resumed export goes to a file of its own) or --overwrite.");

            await using var dataSource = NpgsqlDataSource.Create(ConnectionString(parseResult.GetValue(connection)));
            var exporter = new Exporter(dataSource);
            ExportResult result;
            if (parseResult.GetValue(quiet) || path == "-")
                result = await exporter.RunAsync(options, Open, null, cancellationToken);
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                result = await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("export", maxValue: 1);
                        var r = await exporter.RunAsync(options, Open, p =>
                        {
                            if (p.Events % 1000 != 0 && p.Covered != p.Total) return;
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Covered;
                            task.Description = $"export {p.Events:N0} events";
                        }, cancellationToken);
                        task.Value = task.MaxValue;
                        return r;
                    });
            }
            error.WriteLine(result.Interrupted
                ? $"Interrupted after {result.Events:N0} events; resume with the same filters, a new --output and --after {result.Position}"
                : $"Exported {result.Events:N0} events.");
            stdout.WriteLine($"position: {result.Position}");
            return result.Interrupted ? 130 : 0;
        }));
        return command;
    }

    public static string ConnectionString(string? given) =>
        given ?? Environment.GetEnvironmentVariable(ConnectionVariable)
        ?? throw new ExportInputException($"No database: give --connection or set {ConnectionVariable} (the analysts' read-only role, see `grants`).");

    private static Positions PositionsOf(string? text, IReadOnlyList<string> selected, string option)
    {
        if (text is null) return new Positions();
        var (value, problem) = Positions.Parse(text, selected, option);
        return value ?? throw new ExportInputException(problem!);
    }
}
