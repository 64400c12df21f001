using Marten.Events.Aggregation;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues.Offices;

/// <summary>An office as channels and staff see it: its lines and rules.</summary>
public sealed class OfficeView
{
    public string Id { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public LocalizedText Names { get; set; } = new("", "", "");
    public List<LineDefinition> Lines { get; set; } = [];
    public OfficeRules Rules { get; set; } = OfficeRules.Default;
    public long Version { get; set; }
}

public sealed partial class OfficeViewProjection : SingleStreamProjection<OfficeView, string>
{
    public OfficeView Create(OfficeConfigured e) => new() { OfficeId = e.OfficeId, Names = e.Names, Lines = [.. e.Lines], Rules = e.Rules };

    public OfficeView Apply(OfficeConfigured e, OfficeView view)
    {
        view.Names = e.Names;
        view.Lines = [.. e.Lines];
        view.Rules = e.Rules;
        return view;
    }
}
