using System.CommandLine;
using System.Globalization;
using Npgsql;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Cli.Analysts;
using Omnichannel.Cli.Analysts.Demand;
using Spectre.Console;

namespace Omnichannel.Cli.Commands;

/// <summary>
/// <c>forecast [--council C] [--weeks-ahead 1] [--channel phone …] [--holiday DATE …] [--campaign FROM..TO …]</c>: expected
/// contacts per channel and hour of the coming weeks (<see cref="SeasonalForecast"/>, fitted on the events' hourly
/// counts), its error on the last four weeks held out against the naive same-week-last-year, and the Citizen
/// Assistance Managers needed per hour: Erlang C for the phone and the chat hand-overs (<c>--service-level 0.8
/// --answer-within 60</c>), the queue's target wait for Point 0 and the general line (<c>--target-wait-minutes</c>).
/// </summary>
public static class ForecastCommand
{
    public static Command Create()
    {
        var connection = ExportCommand.ConnectionOption();
        var council = new Option<string?>("--council") { Description = "Council (tenant id); default all." };
        var channels = new Option<string[]>("--channel") { Description = "Demand channel(s); default phone, point0, general-line, chat-handover, email.", AllowMultipleArgumentsPerToken = true };
        var weeksAhead = new Option<int>("--weeks-ahead") { Description = "Weeks to forecast.", DefaultValueFactory = _ => 1 };
        var history = new Option<int>("--history-weeks") { Description = "Weeks of the seasonal profile.", DefaultValueFactory = _ => 8 };
        var holidays = new Option<string[]>("--holiday") { Description = "Extra holidays (dates) besides the Catalan ones.", AllowMultipleArgumentsPerToken = true };
        var campaigns = new Option<string[]>("--campaign") { Description = "Campaign periods FROM..TO (dates), past and coming.", AllowMultipleArgumentsPerToken = true };
        var serviceLevel = new Option<double>("--service-level") { Description = "Share answered within --answer-within (phone, chat).", DefaultValueFactory = _ => 0.8 };
        var answerWithin = new Option<double>("--answer-within") { Description = "Seconds.", DefaultValueFactory = _ => 60 };
        var targetWait = new Option<double>("--target-wait-minutes") { Description = "Average wait target for Point 0 and the general line.", DefaultValueFactory = _ => 10 };
        var handle = new Option<string[]>("--handle") { Description = "Minutes per contact, CHANNEL=MIN (defaults: phone 4, chat-handover 5, point0 4, general-line 10, email 6).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("forecast", "Forecast contacts per channel and hour and the managers needed (Erlang C).")
        {
            connection, council, channels, weeksAhead, history, holidays, campaigns, serviceLevel, answerWithin, targetWait, handle,
        };
        command.SetAction((parseResult, ct) => AnalystRun.ExitCodeAsync(parseResult, async () =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
            var special = Special(parseResult.GetValue(holidays) ?? [], parseResult.GetValue(campaigns) ?? []);
            var handles = new Dictionary<string, double>(ForecastPlan.HandleMinutes);
            foreach (var h in parseResult.GetValue(handle) ?? [])
            {
                var parts = h.Split('=', 2);
                if (parts.Length != 2 || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
                    throw new ExportInputException($"--handle: '{h}' is not CHANNEL=MINUTES.");
                handles[parts[0]] = minutes;
            }
            var sl = parseResult.GetValue(serviceLevel);
            if (sl is <= 0 or >= 1) throw new ExportInputException("--service-level must be between 0 and 1 (e.g. 0.8).");

            var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
            var nowLocal = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).DateTime;
            var thisMonday = nowLocal.Date.AddDays(-(((int)nowLocal.DayOfWeek + 6) % 7));
            var end = thisMonday; // full weeks only: the week under way is not history yet
            var start = end.AddDays(-7 * 57);
            await using var dataSource = NpgsqlDataSource.Create(ExportCommand.ConnectionString(parseResult.GetValue(connection)));
            var hourly = await new DemandQueries(dataSource, parseResult.GetValue(council))
                .HourlyAsync(new DateTimeOffset(start, zone.GetUtcOffset(start)), new DateTimeOffset(end, zone.GetUtcOffset(end)), ct);
            var selected = parseResult.GetValue(channels) is { Length: > 0 } c ? c : ForecastPlan.DefaultChannels.ToArray();

            var accuracyTable = new Table { Title = new TableTitle(Markup.Escape("Method: " + ForecastPlan.Method)) }
                .AddColumn("channel").AddColumn(new TableColumn("model").RightAligned()).AddColumn(new TableColumn("naive same week last year").RightAligned())
                .AddColumn(new TableColumn("holiday ×").RightAligned()).AddColumn(new TableColumn("campaign ×").RightAligned());
            var plans = new List<(string Channel, SeasonalForecast Model)>();
            foreach (var channel in selected)
            {
                var counts = hourly.Where(h => h.Channel == channel).ToDictionary(h => h.LocalHour, h => (double)h.Contacts);
                double CountAt(DateTime hour) => counts.GetValueOrDefault(hour);
                var model = SeasonalForecast.Fit(CountAt, end, special, parseResult.GetValue(history));
                var haveYear = counts.Count > 0 && counts.Keys.Min() <= end.AddDays(-7 * 56);
                var accuracy = haveYear ? SeasonalForecast.Evaluate(CountAt, end, special, 4, parseResult.GetValue(history)) : null;
                accuracyTable.AddRow(channel,
                    accuracy is null ? "n/a" : accuracy.ModelWape.ToString("P1", CultureInfo.InvariantCulture),
                    accuracy is null ? "needs 56 weeks of history" : accuracy.NaiveWape.ToString("P1", CultureInfo.InvariantCulture),
                    model.HolidayFactor.ToString("0.00", CultureInfo.InvariantCulture), model.CampaignFactor.ToString("0.00", CultureInfo.InvariantCulture));
                plans.Add((channel, model));
            }
            console.Write(accuracyTable);

            var target = parseResult.GetValue(answerWithin);
            var wait = parseResult.GetValue(targetWait) * 60;
            for (var w = 0; w < parseResult.GetValue(weeksAhead); w++)
            {
                var monday = end.AddDays(7 * w);
                foreach (var (channel, model) in plans)
                {
                    var handleSeconds = handles.GetValueOrDefault(channel, 5) * 60;
                    var rule = ForecastPlan.StaffingRule(channel, sl, target, wait);
                    var table = new Table { Title = new TableTitle(Markup.Escape($"{channel}, week of {monday:yyyy-MM-dd}: expected contacts / managers needed ({rule}, {handleSeconds / 60:0.#} min each)")) }.AddColumn("hour");
                    for (var d = 0; d < 7; d++) table.AddColumn(new TableColumn(monday.AddDays(d).ToString("ddd dd", CultureInfo.InvariantCulture)).RightAligned());
                    for (var hour = 0; hour < 24; hour++)
                    {
                        var cells = Enumerable.Range(0, 7).Select(d => model.Expected(monday.AddDays(d).AddHours(hour))).ToArray();
                        if (cells.All(v => v < 0.05)) continue;
                        table.AddRow([$"{hour:00}:00", .. cells.Select(v => $"{v:0.0} / {ForecastPlan.Managers(channel, v, handleSeconds, sl, target, wait)}")]);
                    }
                    console.Write(table);
                }
            }
            return 0;
        }));
        return command;
    }

    private static SpecialDays Special(string[] holidays, string[] campaigns)
    {
        var days = new HashSet<DateOnly>(CatalanHolidays.All);
        foreach (var h in holidays)
            days.Add(DateOnly.TryParse(h, CultureInfo.InvariantCulture, out var d) ? d : throw new ExportInputException($"--holiday: '{h}' is not a date (yyyy-MM-dd)."));
        var periods = new List<(DateOnly, DateOnly)>();
        foreach (var c in campaigns)
        {
            var parts = c.Split("..", 2);
            if (parts.Length != 2 || !DateOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var f) || !DateOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var t))
                throw new ExportInputException($"--campaign: '{c}' is not FROM..TO (dates).");
            if (t < f) throw new ExportInputException($"--campaign: '{c}' is inverted.");
            periods.Add((f, t));
        }
        return new SpecialDays(days, periods);
    }
}
