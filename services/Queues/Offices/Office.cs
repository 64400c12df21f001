using Omnichannel.BuildingBlocks.PersonalData;
using System.Collections.Immutable;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues.Offices;

/// <summary>A line as an office runs it: which one, the letter on its tickets, its name on the display.</summary>
public sealed record LineDefinition(string Line, string Prefix, LocalizedText Names);

public sealed record OfficeConfigured([NotPersonal] string OfficeId, [NotPersonal] LocalizedText Names, [NotPersonal] IReadOnlyList<LineDefinition> Lines, [NotPersonal] OfficeRules Rules, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The office directory (appointments) described the office: registered or changed. <c>DescribedAt</c> is
/// when appointments decided it, so a late copy of an older description is told apart.</summary>
public sealed record OfficeDescribed([NotPersonal] string OfficeId, [NotPersonal] LocalizedText Name, [NotPersonal] string Address, [NotPersonal] string Calendar, int Desks, DateTimeOffset DescribedAt);

/// <summary>The office directory closed the office all day on <c>Date</c> (its local date).</summary>
public sealed record OfficeClosureNoted([NotPersonal] string OfficeId, DateOnly Date, [NotPersonal] string Reason, DateTimeOffset At);

/// <summary>An office's stream folded. (State, not aggregate: Marten's generator must not treat it as one.)
/// <c>Known</c>: the office directory told us of it; <c>Exists</c>: its lines are configured, so it issues tickets.</summary>
public sealed record OfficeState(bool Exists, string OfficeId, LocalizedText Names, IReadOnlyList<LineDefinition> Lines, OfficeRules Rules)
{
    public static readonly OfficeState Initial = new(false, "", new LocalizedText("", "", ""), [], OfficeRules.Default);

    public bool Known { get; init; }
    public string Address { get; init; } = "";
    /// <summary>The business calendar giving the office's opening hours; empty until the directory says.</summary>
    public string Calendar { get; init; } = "";
    public DateTimeOffset? DescribedAt { get; init; }
    public ImmutableSortedSet<DateOnly> Closures { get; init; } = ImmutableSortedSet<DateOnly>.Empty;

    public static string StreamKey(string officeId) => $"office:{officeId}";

    public static OfficeState Evolve(OfficeState state, object @event) => @event switch
    {
        OfficeConfigured e => state with { Exists = true, OfficeId = e.OfficeId, Names = e.Names, Lines = e.Lines, Rules = e.Rules },
        // The last word on the name wins: a rename in the directory renames the display too.
        OfficeDescribed e => state with
        {
            Known = true, OfficeId = e.OfficeId, Names = e.Name,
            Address = e.Address, Calendar = e.Calendar, DescribedAt = e.DescribedAt,
        },
        OfficeClosureNoted e => state with { OfficeId = e.OfficeId, Closures = state.Closures.Add(e.Date) },
        _ => state,
    };

    public bool Has(string line) => Lines.Any(l => l.Line == line);

    public LineDefinition Line(string line) =>
        Lines.FirstOrDefault(l => l.Line == line) ?? throw Rejection.NotFound($"Office '{OfficeId}' has no {line} line.");
}

