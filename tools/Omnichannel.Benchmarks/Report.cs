namespace Omnichannel.Benchmarks;

/// <summary>The table printed at the end: each figure beside the baseline measured in the same run, their ratio,
/// the goal and whether it was met. Informative rows carry no goal.</summary>
public sealed class Report
{
    private sealed record Row(string Measurement, string Result, string Baseline, string Ratio, string Goal, bool? Met);

    private readonly List<Row> rows = [];
    private readonly List<string> goals = [];

    public void Throughput(string name, Throughput marten, Throughput raw, bool informative)
    {
        var ratio = marten.PerSecond / raw.PerSecond;
        bool? met = informative ? null : ratio >= 0.8;
        rows.Add(new Row(name, $"{marten.PerSecond:N0}/s", $"raw Npgsql {raw.PerSecond:N0}/s", $"{ratio:0.00}", informative ? "(no goal)" : "ratio ≥ 0.80", met));
        if (met is { } m) goals.Add($"{Short(name)} ratio {ratio:0.00} (goal ≥ 0.80) {(m ? "MET" : "MISSED")}");
    }

    /// <summary>A rate beside the baseline rate of the same run (informative: no goal).</summary>
    public void Rate(string name, double perSecond, string baselineName, double baselinePerSecond) =>
        rows.Add(new Row(name, $"{perSecond:N0}/s", $"{baselineName} {baselinePerSecond:N0}/s", $"{perSecond / baselinePerSecond:0.00}", "(no goal)", null));

    /// <summary>A figure beside its baseline with a goal on their ratio (e.g. export events/s ≥ 0.5× a raw COPY).</summary>
    public void Ratio(string name, string result, string baseline, double ratio, double goal, string shortName)
    {
        var met = ratio >= goal;
        rows.Add(new Row(name, result, baseline, $"{ratio:0.00}", $"ratio ≥ {goal:0.00}", met));
        goals.Add($"{shortName} ratio {ratio:0.00} (goal ≥ {goal:0.00}) {(met ? "MET" : "MISSED")}");
    }

    /// <summary>An informative row: a figure beside a baseline, no goal.</summary>
    public void Info(string name, string result, string baseline, string ratio) => rows.Add(new Row(name, result, baseline, ratio, "(no goal)", null));

    /// <summary>A duration beside the baseline's of the same run (informative: no goal).</summary>
    public void Duration(string name, TimeSpan took, string baselineName, TimeSpan baseline) =>
        rows.Add(new Row(name, $"{took.TotalSeconds:0.0} s", $"{baselineName} {baseline.TotalSeconds:0.00} s", $"{took / baseline:0}×", "(no goal)", null));

    /// <summary>One row per percentile; the goal, when given, applies to that percentile.</summary>
    public void Latency(string name, string shortName, string percentile, double ms, string baselineName, double baselineMs, double? goalMs)
    {
        bool? met = goalMs is { } g ? ms <= g : null;
        rows.Add(new Row($"{name} {percentile}", $"{ms:0.0} ms", $"{baselineName} {baselineMs:0.0} ms", $"{ms / baselineMs:0.0}×",
            goalMs is { } goal ? $"≤ {goal:0} ms" : "", met));
        if (met is { } m) goals.Add($"{name} {percentile} {ms:0} ms (goal ≤ {goalMs:0} ms) {(m ? "MET" : "MISSED")}");
    }

    /// <summary>A figure as a ratio of its baseline with a goal on the ratio (at least, or at most, <paramref name="goal"/>).</summary>
    public void Ratio(string name, string result, string baseline, double ratio, string goalText, bool met)
    {
        rows.Add(new Row(name, result, baseline, $"{ratio:0.00}", goalText, met));
        goals.Add($"{name} {ratio:0.00} (goal {goalText}) {(met ? "MET" : "MISSED")}");
    }

    public void Print(TextWriter output)
    {
        string[] header = ["measurement", "result", "baseline (same run)", "ratio", "goal", "verdict"];
        var cells = rows.Select(r => new[] { r.Measurement, r.Result, r.Baseline, r.Ratio, r.Goal, r.Met switch { true => "met", false => "MISSED", null => "" } })
            .Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Max(c => c[i].Length)).ToArray();
        string Line(string[] c) => string.Join(" | ", c.Select((text, i) => i is 1 or 2 or 3 ? text.PadLeft(widths[i]) : text.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var c in cells.Skip(1)) output.WriteLine(Line(c));
    }

    public string Summary()
    {
        if (goals.Count == 0) return "SUMMARY: no goals in the parts run (their rows are informative).";
        var missed = goals.Count(g => g.Contains("MISSED"));
        // Each goal is named with its own figure and threshold: the parts run decide which goals there are.
        return $"SUMMARY: {goals.Count - missed} of {goals.Count} goals met — {string.Join("; ", goals)}.";
    }

    private static string Short(string name) => name.Replace("Marten appends/s, ", "");
}
