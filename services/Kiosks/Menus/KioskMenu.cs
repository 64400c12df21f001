using Omnichannel.BuildingBlocks.PersonalData;
using Marten.Events.Aggregation;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Kiosks.Menus;

/// <summary>Whom a menu is for: every kiosk of an office, or one kiosk (which then shows its own instead of the office's).</summary>
public enum MenuScope
{
    Office,
    Kiosk,
}

/// <summary>One line of a menu: a procedure of the catalogue, in the order staff put it. <c>NeedsPrinter</c>: the
/// procedure ends in paper (a census certificate, a payment letter), so it is hidden while the kiosk cannot print.</summary>
public sealed record MenuEntry(string ProcedureCode, bool NeedsPrinter);

/// <summary>A new version of a menu (versions count from 1 in the menu's stream, "kiosk-menu:{scope}:{id}"). The
/// procedures' names come from the catalogue when a kiosk fetches it; the title is the menu's own, in ca/es/en.</summary>
public sealed record KioskMenuPublished(MenuScope Scope, [NotPersonal] string ScopeId, [NotPersonal] string OfficeId, int Version, [NotPersonal] LocalizedText Title,
    [NotPersonal] IReadOnlyList<MenuEntry> Entries, DateTimeOffset At, [NotPersonal] string By);

public sealed record MenuState(int Version)
{
    public static readonly MenuState Initial = new(0);

    public static string StreamKey(MenuScope scope, string scopeId) => $"kiosk-menu:{(scope == MenuScope.Office ? "office" : "kiosk")}:{scopeId}";

    public static MenuState Evolve(MenuState state, object @event) => @event switch
    {
        KioskMenuPublished e => new(e.Version),
        _ => state,
    };
}

/// <summary><paramref name="KioskProcedures"/>: the codes the catalogue offers on the kiosk channel and has not
/// withdrawn (in season or not: a seasonal procedure may be put on the menu before its campaign opens).</summary>
public sealed record PublishMenu(MenuScope Scope, string ScopeId, string OfficeId, LocalizedText Title, IReadOnlyList<MenuEntry> Entries,
    IReadOnlySet<string> KioskProcedures, DateTimeOffset At, string By);

public static class MenuDecisions
{
    /// <summary>Only procedures the catalogue allows at a kiosk go on a menu; each once.</summary>
    public static IReadOnlyList<object> Decide(PublishMenu command, MenuState state)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < command.Entries.Count; i++)
        {
            var code = command.Entries[i].ProcedureCode;
            if (!seen.Add(code)) throw Rejection.Invalid($"entries[{i}].procedureCode", $"'{code}' is already on the menu.");
            if (!command.KioskProcedures.Contains(code))
                throw Rejection.Invalid($"entries[{i}].procedureCode", $"'{code}' is not a procedure the catalogue offers at kiosks (unknown, withdrawn, or not on the kiosk channel).");
        }
        return [new KioskMenuPublished(command.Scope, command.ScopeId, command.OfficeId, state.Version + 1, command.Title, command.Entries, command.At, command.By)];
    }
}

/// <summary>The published version of a menu (id: its stream key).</summary>
[NotPersonal]
public sealed class KioskMenuView
{
    public string Id { get; set; } = "";
    public MenuScope Scope { get; set; }
    public string ScopeId { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public int Version { get; set; }
    public LocalizedText Title { get; set; } = new("", "", "");
    public List<MenuEntry> Entries { get; set; } = [];
    public DateTimeOffset PublishedAt { get; set; }
    public string PublishedBy { get; set; } = "";
}

public sealed partial class KioskMenuViewProjection : SingleStreamProjection<KioskMenuView, string>
{
    public KioskMenuView Apply(KioskMenuPublished e, KioskMenuView view)
    {
        view.Scope = e.Scope;
        view.ScopeId = e.ScopeId;
        view.OfficeId = e.OfficeId;
        view.Version = e.Version;
        view.Title = e.Title;
        view.Entries = [.. e.Entries];
        view.PublishedAt = e.At;
        view.PublishedBy = e.By;
        return view;
    }
}
