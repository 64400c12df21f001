using System.CommandLine;
using System.Globalization;
using Npgsql;
using Omnichannel.Cli.Analysts;
using Omnichannel.Cli.Analysts.Demand;

namespace Omnichannel.Cli.Commands;

/// <summary><c>indicators --month 2026-10 [--council C] [--format json|csv] [--min-cell 10] [--output FILE]</c>: the monthly
/// public indicators (no personal data, cells under --min-cell contacts suppressed), for the transparency portal.</summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var connection = ExportCommand.ConnectionOption();
        var month = new Option<string>("--month") { Description = "Month (yyyy-MM), local time Europe/Madrid.", Required = true };
        var council = new Option<string?>("--council") { Description = "Council (tenant id); default all." };
        var format = new Option<string>("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var minCell = new Option<int>("--min-cell") { Description = "Cells with fewer contacts than this are suppressed.", DefaultValueFactory = _ => 10 };
        var output = new Option<string?>("--output", "-o") { Description = "File (default stdout)." };
        var command = new Command("indicators", "Monthly public indicators as JSON or CSV, small cells suppressed.")
        {
            connection, month, council, format, minCell, output,
        };
        command.SetAction((parseResult, ct) => AnalystRun.ExitCodeAsync(parseResult, async () =>
        {
            if (!DateOnly.TryParseExact(parseResult.GetValue(month) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                throw new ExportInputException($"--month: '{parseResult.GetValue(month)}' is not yyyy-MM.");
            if (parseResult.GetValue(minCell) < 1) throw new ExportInputException("--min-cell must be at least 1.");
            await using var dataSource = NpgsqlDataSource.Create(ExportCommand.ConnectionString(parseResult.GetValue(connection)));
            var set = await new MonthlyIndicators(dataSource, parseResult.GetValue(council), parseResult.GetValue(minCell)).ForMonthAsync(first.Year, first.Month, ct);
            var text = parseResult.GetValue(format) == "csv" ? set.ToCsv() : set.ToJson() + "\n";
            if (parseResult.GetValue(output) is { } path)
            {
                try { await File.WriteAllTextAsync(path, text, ct); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ExportInputException($"Cannot write the output: {e.Message}"); }
            }
            else parseResult.InvocationConfiguration.Output.Write(text);
            return 0;
        }));
        return command;
    }
}
