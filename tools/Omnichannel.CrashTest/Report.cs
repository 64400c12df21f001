using System.Globalization;
using System.Text;

namespace Omnichannel.CrashTest;

public sealed record KillResult(int Round, string Target, double? ReadySeconds, double? RecoveredSeconds);

public sealed record Delivery(string What, int Accepted, int Delivered, int Lost, int Duplicated);

/// <summary>The summary table: deliveries, recovery per kill, answers by status.</summary>
public sealed record Report(CrashOptions Options, LoadTally Tally, IReadOnlyList<KillResult> Kills, Delivery Cases, Delivery Bookings, TimeSpan Elapsed, string RunDir)
{
    private static string S(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "not recovered";

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"Crash experiment: {Kills.Count} kill(s) with SIGKILL over {Elapsed.TotalSeconds:0} s, load {Options.RequestsPerSecond}/s from {Options.Workers} clients (logs: {RunDir})");
        text.AppendLine();
        text.AppendLine("| delivery | accepted | delivered | lost | duplicated |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var d in new[] { Cases, Bookings }) text.AppendLine($"| {d.What} | {d.Accepted} | {d.Delivered} | {d.Lost} | {d.Duplicated} |");
        text.AppendLine();
        text.AppendLine("| target | kills | ready after (s): each | outbox caught up after (s): each | max |");
        text.AppendLine("|---|---:|---|---|---:|");
        foreach (var target in Kills.GroupBy(k => k.Target))
        {
            var max = target.All(k => k.RecoveredSeconds is not null) ? target.Max(k => k.RecoveredSeconds) : null;
            text.AppendLine($"| {target.Key} | {target.Count()} | {string.Join(", ", target.Select(k => S(k.ReadySeconds)))} | {string.Join(", ", target.Select(k => S(k.RecoveredSeconds)))} | {S(max)} |");
        }
        text.AppendLine();
        text.AppendLine($"Requests: {Tally.Total}; 2xx {Tally.With(c => c is >= 200 and < 300)}, 4xx {Tally.With(c => c is >= 400 and < 500)}, "
            + $"5xx {Tally.With(c => c >= 500)} (500: {Tally.With(c => c == 500)}, 503: {Tally.With(c => c == 503)}), refused or timed out (service down): {Tally.Unreachable}");
        text.AppendLine("By request and status: " + string.Join(", ", Tally.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        return text.ToString();
    }
}
