using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues.Offices;

/// <summary>A line as an office runs it: which one, the letter on its tickets, its name on the display.</summary>
public sealed record LineDefinition(string Line, string Prefix, LocalizedText Names);

public sealed record OfficeConfigured(string OfficeId, LocalizedText Names, IReadOnlyList<LineDefinition> Lines, OfficeRules Rules, DateTimeOffset At, string By);

/// <summary>An office's stream folded. (State, not aggregate: Marten's generator must not treat it as one.)</summary>
public sealed record OfficeState(bool Exists, string OfficeId, LocalizedText Names, IReadOnlyList<LineDefinition> Lines, OfficeRules Rules)
{
    public static readonly OfficeState Initial = new(false, "", new LocalizedText("", "", ""), [], OfficeRules.Default);

    public static string StreamKey(string officeId) => $"office:{officeId}";

    public static OfficeState Evolve(OfficeState state, object @event) => @event switch
    {
        OfficeConfigured e => new(true, e.OfficeId, e.Names, e.Lines, e.Rules),
        _ => state,
    };

    public bool Has(string line) => Lines.Any(l => l.Line == line);

    public LineDefinition Line(string line) =>
        Lines.FirstOrDefault(l => l.Line == line) ?? throw Rejection.NotFound($"Office '{OfficeId}' has no {line} line.");
}

public sealed record ConfigureOffice(string OfficeId, LocalizedText Names, IReadOnlyList<LineDefinition> Lines, OfficeRules Rules, DateTimeOffset At, string By);

public static class OfficeDecisions
{
    public static IReadOnlyList<object> Decide(ConfigureOffice command, OfficeState state)
    {
        if (command.Lines.Count == 0) throw Rejection.Invalid("lines", "An office needs at least one line.");
        if (command.Lines.Select(l => l.Line).Distinct().Count() != command.Lines.Count) throw Rejection.Invalid("lines", "Each line once.");
        if (command.Lines.Select(l => l.Prefix).Distinct().Count() != command.Lines.Count) throw Rejection.Invalid("lines", "Each line needs its own prefix.");
        if (command.Rules.Point0MaxMinutes > command.Rules.GeneralMaxMinutes)
            throw Rejection.Invalid("rules.point0MaxMinutes", "Point 0 is for procedures shorter than the general line's.");
        var configured = new OfficeConfigured(command.OfficeId, command.Names, command.Lines, command.Rules, command.At, command.By);
        return state.Exists && state.Names == command.Names && state.Lines.SequenceEqual(command.Lines) && state.Rules == command.Rules
            ? []
            : [configured];
    }
}
