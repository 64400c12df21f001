using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Model;

namespace Omnichannel.Incidents.Sla;

/// <summary>The targets of one kind of incident in one council.</summary>
public sealed record SlaRules(SlaTarget FirstAnswer, SlaTarget? Resolution);

/// <summary>
/// Configuration section "Incidents". Targets are looked up field by field: the council's kind, the council's
/// "default", the kind, "default", then the built-in values (a first answer within 6 working hours; a technical incident
/// resolved within 24 hours, round the clock).
/// <code>
/// "Incidents": {
///   "ReopenWithinDays": 15, "AtRiskWithinHours": 1, "WatchIntervalSeconds": 30,
///   "Calendar": "on-site", "ChannelCalendars": { "phone": "phone" },
///   "Targets": { "default": { "FirstAnswerHours": 6 }, "technical-incident": { "ResolutionHours": 24, "ResolutionInWorkingHours": false } },
///   "Councils": { "el-prat": { "Targets": { "complaint": { "ResolutionHours": 80, "ResolutionInWorkingHours": true } } } }
/// }
/// </code>
/// </summary>
public sealed class IncidentsOptions
{
    public const string Section = "Incidents";
    public const string Default = "default";

    /// <summary>How long after its resolution the citizen may reopen an incident.</summary>
    public double ReopenWithinDays { get; set; } = 15;

    /// <summary>A clock due within this much (elapsed) time is "at risk" in the staff list.</summary>
    public double AtRiskWithinHours { get; set; } = 1;

    /// <summary>The watcher looks at least this often (and wakes at each due instant it knows of).</summary>
    public int WatchIntervalSeconds { get; set; } = 30;

    /// <summary>How many due incidents the SLA watcher records at once (each on its own stream).</summary>
    public int WatchParallelism { get; set; } = 4;

    /// <summary>The business calendar of channels not in <see cref="ChannelCalendars"/>.</summary>
    public string Calendar { get; set; } = "on-site";

    /// <summary>The calendar a channel's clocks run on, by channel.</summary>
    public Dictionary<string, string> ChannelCalendars { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sizes and number of attachments ("Incidents:Attachments").</summary>
    public Attachments.AttachmentOptions Attachments { get; set; } = new();

    /// <summary>By kind or "default".</summary>
    public Dictionary<string, SlaTargetOptions> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>By council id.</summary>
    public Dictionary<string, CouncilSlaOptions> Councils { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyDictionary<string, SlaTargetOptions> BuiltIn { get; } = new Dictionary<string, SlaTargetOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [Default] = new() { FirstAnswerHours = 6 },
        [IncidentKinds.TechnicalIncident] = new() { ResolutionHours = 24, ResolutionInWorkingHours = false },
    };

    public TimeSpan ReopenWithin => TimeSpan.FromDays(ReopenWithinDays);
    public TimeSpan AtRiskWithin => TimeSpan.FromHours(AtRiskWithinHours);
    public TimeSpan WatchInterval => TimeSpan.FromSeconds(WatchIntervalSeconds);

    /// <summary>Every problem, naming its key; empty when valid.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (ReopenWithinDays < 0) problems.Add($"{Section}:ReopenWithinDays must not be negative.");
        if (AtRiskWithinHours < 0) problems.Add($"{Section}:AtRiskWithinHours must not be negative.");
        if (WatchIntervalSeconds <= 0) problems.Add($"{Section}:WatchIntervalSeconds must be positive.");
        if (WatchParallelism is <= 0 or > 64) problems.Add($"{Section}:WatchParallelism must be between 1 and 64.");
        if (Attachments.MaxImageBytes <= 0 || Attachments.MaxVideoBytes <= 0 || Attachments.MaxDocumentBytes <= 0)
            problems.Add($"{Section}:Attachments:Max*Bytes must be positive.");
        if (Attachments.MaxPerIncident <= 0) problems.Add($"{Section}:Attachments:MaxPerIncident must be positive.");
        // A bucket without its settings fails at start, not at a citizen's first upload.
        if (string.Equals(Attachments.Store, Incidents.Attachments.AttachmentOptions.S3Store, StringComparison.OrdinalIgnoreCase))
            problems.AddRange(Attachments.S3.Problems());
        else if (!string.Equals(Attachments.Store, Incidents.Attachments.AttachmentOptions.PostgresStore, StringComparison.OrdinalIgnoreCase))
            problems.Add($"{Section}:Attachments:Store must be '{Incidents.Attachments.AttachmentOptions.PostgresStore}' or '{Incidents.Attachments.AttachmentOptions.S3Store}'.");
        void Check(string path, Dictionary<string, SlaTargetOptions> targets)
        {
            foreach (var (kind, target) in targets)
            {
                if (kind != Default && !IncidentKinds.All.Contains(kind)) problems.Add($"{path}:{kind}: not a kind ({string.Join(", ", IncidentKinds.All)} or {Default}).");
                if (target.FirstAnswerHours is <= 0) problems.Add($"{path}:{kind}:FirstAnswerHours must be positive.");
                if (target.ResolutionHours is <= 0) problems.Add($"{path}:{kind}:ResolutionHours must be positive.");
            }
        }
        Check($"{Section}:Targets", Targets);
        foreach (var (council, options) in Councils) Check($"{Section}:Councils:{council}:Targets", options.Targets);
        return problems;
    }
}

public sealed class CouncilSlaOptions
{
    public Dictionary<string, SlaTargetOptions> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Any field left out is taken from the next, wider, level.</summary>
public sealed class SlaTargetOptions
{
    public double? FirstAnswerHours { get; set; }
    public double? ResolutionHours { get; set; }
    public bool? ResolutionInWorkingHours { get; set; }
}

/// <summary>The configured targets and calendars, read per council, kind and channel.</summary>
public sealed class SlaRulebook(IOptions<IncidentsOptions> options, IBusinessCalendars calendars)
{
    public IncidentsOptions Options => options.Value;

    public SlaRules For(string council, string kind)
    {
        var o = options.Value;
        var levels = new List<SlaTargetOptions>();
        if (o.Councils.TryGetValue(council, out var own))
        {
            if (own.Targets.TryGetValue(kind, out var t)) levels.Add(t);
            if (own.Targets.TryGetValue(IncidentsOptions.Default, out t)) levels.Add(t);
        }
        foreach (var source in new[] { o.Targets, IncidentsOptions.BuiltIn })
        {
            if (source.TryGetValue(kind, out var t)) levels.Add(t);
            if (source.TryGetValue(IncidentsOptions.Default, out t)) levels.Add(t);
        }
        var firstAnswer = levels.Select(l => l.FirstAnswerHours).First(h => h is not null)!.Value;
        var resolution = levels.Select(l => l.ResolutionHours).FirstOrDefault(h => h is not null);
        var resolutionWorking = levels.Select(l => l.ResolutionInWorkingHours).FirstOrDefault(w => w is not null) ?? true;
        return new SlaRules(new SlaTarget(firstAnswer, WorkingTime: true), resolution is { } hours ? new SlaTarget(hours, resolutionWorking) : null);
    }

    /// <summary>The name of the calendar a channel's clocks run on.</summary>
    public string CalendarNameFor(string channel) =>
        options.Value.ChannelCalendars.TryGetValue(channel, out var name) ? name : options.Value.Calendar;

    public BusinessCalendar Calendar(string name) => calendars.For(name);
}
