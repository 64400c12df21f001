using System.CommandLine;
using System.Globalization;
using Npgsql;
using Omnichannel.Cli.Analysts;
using Omnichannel.Cli.Analysts.Demand;
using Spectre.Console;

namespace Omnichannel.Cli.Commands;

/// <summary><c>demand [--council C] [--from T] [--to T] [--split DATE] [--compare-from T --compare-to T]</c>: contacts per
/// channel, per hour of the week, per procedure and office; waiting and service times; with <c>--split</c> each channel
/// (kiosk use among them) before and after that date; with <c>--compare-…</c> the channel shift from that period to
/// [from, to). All computed from the event tables (the declared contact events), not from read models.</summary>
public static class DemandCommand
{
    public static Command Create()
    {
        var connection = ExportCommand.ConnectionOption();
        var council = new Option<string?>("--council") { Description = "Council (tenant id); default all." };
        var from = new Option<string?>("--from") { Description = "Start (ISO 8601); default 90 days ago." };
        var to = new Option<string?>("--to") { Description = "End, exclusive (ISO 8601); default now." };
        var split = new Option<string?>("--split") { Description = "A date (e.g. the day kiosks arrived): each channel before and after it." };
        var compareFrom = new Option<string?>("--compare-from") { Description = "Start of the earlier period for the channel shift." };
        var compareTo = new Option<string?>("--compare-to") { Description = "End of the earlier period for the channel shift." };
        var command = new Command("demand", "Demand statistics from the events: channels, hours, procedures, offices, waits, kiosk use, channel shift.")
        {
            connection, council, from, to, split, compareFrom, compareTo,
        };
        command.SetAction((parseResult, ct) => AnalystRun.ExitCodeAsync(parseResult, async () =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var end = AnalystRun.Instant(parseResult.GetValue(to), "--to") ?? now;
            var start = AnalystRun.Instant(parseResult.GetValue(from), "--from") ?? end.AddDays(-90);
            if (start >= end) throw new ExportInputException($"The time range is inverted or empty: --from {start:O} is not before --to {end:O}.");
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
            await using var dataSource = NpgsqlDataSource.Create(ExportCommand.ConnectionString(parseResult.GetValue(connection)));
            var queries = new DemandQueries(dataSource, parseResult.GetValue(council));

            console.Write(new Rule($"Demand {start:yyyy-MM-dd} – {end:yyyy-MM-dd}"));
            var perChannel = await queries.PerChannelAsync(start, end, ct);
            console.Write(CountTable("Contacts per channel", "channel", perChannel));

            var hours = await queries.PerHourOfWeekAsync(start, end, ct);
            var week = new Table { Title = new TableTitle("Contacts per hour of the week (local time)") }.AddColumn("hour");
            string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            foreach (var day in days) week.AddColumn(new TableColumn(day).RightAligned());
            foreach (var hour in hours.Select(h => h.Hour).Distinct().Order())
                week.AddRow([$"{hour:00}:00", .. Enumerable.Range(1, 7).Select(d => (hours.FirstOrDefault(h => h.Hour == hour && h.IsoWeekday == d)?.Contacts ?? 0).ToString("N0", CultureInfo.InvariantCulture))]);
            console.Write(week);

            console.Write(CountTable("Contacts per procedure (top 25)", "procedure", await queries.PerProcedureAsync(start, end, ct)));
            console.Write(CountTable("Contacts per office (top 25)", "office", await queries.PerOfficeAsync(start, end, ct)));

            var durations = new Table { Title = new TableTitle("Waiting and service times") }
                .AddColumns("measure", "where").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("mean").RightAligned())
                .AddColumn(new TableColumn("median").RightAligned()).AddColumn(new TableColumn("p90").RightAligned());
            foreach (var d in await queries.DurationsAsync(start, end, ct))
                durations.AddRow(d.Measure, d.Key, d.Count.ToString("N0", CultureInfo.InvariantCulture), d.Mean.ToString("0.0", CultureInfo.InvariantCulture),
                    d.Median.ToString("0.0", CultureInfo.InvariantCulture), d.P90.ToString("0.0", CultureInfo.InvariantCulture));
            console.Write(durations);

            if (parseResult.GetValue(split) is { } splitText)
            {
                var at = AnalystRun.Instant(splitText, "--split")!.Value;
                if (at <= start || at >= end) throw new ExportInputException("--split must fall inside [--from, --to).");
                console.Write(ShiftTable($"Before and after {at:yyyy-MM-dd} (kiosk use and every channel)", "before", "after",
                    await queries.ShiftAsync(start, at, at, end, ct), (at - start).TotalDays / 7, (end - at).TotalDays / 7));
            }
            var cf = AnalystRun.Instant(parseResult.GetValue(compareFrom), "--compare-from");
            var ctTo = AnalystRun.Instant(parseResult.GetValue(compareTo), "--compare-to");
            if (cf is not null || ctTo is not null)
            {
                if (cf is null || ctTo is null) throw new ExportInputException("--compare-from and --compare-to go together.");
                if (cf >= ctTo) throw new ExportInputException("The comparison period is inverted or empty.");
                console.Write(ShiftTable($"Channel shift {cf:yyyy-MM-dd}…{ctTo:yyyy-MM-dd} → {start:yyyy-MM-dd}…{end:yyyy-MM-dd}", "earlier", "later",
                    await queries.ShiftAsync(cf.Value, ctTo.Value, start, end, ct), (ctTo.Value - cf.Value).TotalDays / 7, (end - start).TotalDays / 7));
            }
            return 0;
        }));
        return command;
    }

    private static Table CountTable(string title, string key, IReadOnlyList<Count> counts)
    {
        var total = Math.Max(1, counts.Sum(c => c.Contacts));
        var table = new Table { Title = new TableTitle(title) }.AddColumn(key).AddColumn(new TableColumn("contacts").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var c in counts) table.AddRow(Markup.Escape(c.Key), c.Contacts.ToString("N0", CultureInfo.InvariantCulture), ((double)c.Contacts / total).ToString("P1", CultureInfo.InvariantCulture));
        return table;
    }

    private static Table ShiftTable(string title, string a, string b, IReadOnlyList<ChannelShift> shift, double weeksA, double weeksB)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.AddColumn("channel");
        foreach (var column in new[] { $"{a}", $"{a}/week", $"{a} share", $"{b}", $"{b}/week", $"{b} share", "change (points)", "per week ×" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var s in shift)
        {
            double perWeekA = s.ContactsA / Math.Max(weeksA, 1e-9), perWeekB = s.ContactsB / Math.Max(weeksB, 1e-9);
            table.AddRow(Markup.Escape(s.Channel), s.ContactsA.ToString("N0", CultureInfo.InvariantCulture), perWeekA.ToString("0.0", CultureInfo.InvariantCulture),
                s.ShareA.ToString("P1", CultureInfo.InvariantCulture), s.ContactsB.ToString("N0", CultureInfo.InvariantCulture), perWeekB.ToString("0.0", CultureInfo.InvariantCulture),
                s.ShareB.ToString("P1", CultureInfo.InvariantCulture), s.PointsChange.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture),
                perWeekA > 0 ? (perWeekB / perWeekA).ToString("0.00", CultureInfo.InvariantCulture) : "–");
        }
        return table;
    }
}
