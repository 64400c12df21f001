using Marten.Events.Aggregation;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Queues.Offices;

/// <summary>An office as channels and staff see it: its name, address and calendar from the office directory,
/// its lines and rules (no lines yet: known, but not issuing tickets).</summary>
[NotPersonal]
public sealed class OfficeView
{
    public string Id { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public LocalizedText Names { get; set; } = new("", "", "");
    public string Address { get; set; } = "";
    public string Calendar { get; set; } = "";
    public List<DateOnly> Closures { get; set; } = [];
    public List<LineDefinition> Lines { get; set; } = [];
    public OfficeRules Rules { get; set; } = OfficeRules.Default;
    public long Version { get; set; }
}

public sealed partial class OfficeViewProjection : SingleStreamProjection<OfficeView, string>
{
    public OfficeView Apply(OfficeConfigured e, OfficeView view)
    {
        view.OfficeId = e.OfficeId;
        view.Names = e.Names;
        view.Lines = [.. e.Lines];
        view.Rules = e.Rules;
        return view;
    }

    public OfficeView Apply(OfficeDescribed e, OfficeView view)
    {
        view.OfficeId = e.OfficeId;
        view.Names = e.Name;
        view.Address = e.Address;
        view.Calendar = e.Calendar;
        return view;
    }

    public OfficeView Apply(OfficeClosureNoted e, OfficeView view)
    {
        view.OfficeId = e.OfficeId;
        if (!view.Closures.Contains(e.Date)) view.Closures.Add(e.Date);
        return view;
    }
}
