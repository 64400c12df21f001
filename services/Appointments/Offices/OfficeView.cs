using Marten.Events.Aggregation;
using Omnichannel.Contracts;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Appointments.Offices;

/// <summary>An office as channels and the booking rules see it.</summary>
[NotPersonal]
public sealed class OfficeView : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string OfficeId { get; set; } = "";
    public LocalizedText Name { get; set; } = new("", "", "");
    public string Address { get; set; } = "";
    public string Calendar { get; set; } = "";
    public int Desks { get; set; }
    public Dictionary<string, int> Procedures { get; set; } = [];
    public List<DateOnly> Closures { get; set; } = [];
    /// <summary>Each closure's reason, by day (yyyy-MM-dd), for the notices of appointments moved off it.</summary>
    public Dictionary<string, string> ClosureReasons { get; set; } = [];
    public long Version { get; set; }

    public int DesksFor(string procedureCode) => Procedures.GetValueOrDefault(procedureCode);
}

public sealed partial class OfficeViewProjection : SingleStreamProjection<OfficeView, string>
{
    public OfficeView Create(OfficeRegistered e) => new()
    {
        OfficeId = e.OfficeId, Name = e.Name, Address = e.Address, Calendar = e.Calendar, Desks = e.Desks,
    };

    public void Apply(OfficeChanged e, OfficeView view)
    {
        view.Name = e.Name;
        view.Address = e.Address;
        view.Calendar = e.Calendar;
        view.Desks = e.Desks;
    }

    public void Apply(ProcedureServed e, OfficeView view)
    {
        if (e.Desks == 0) view.Procedures.Remove(e.ProcedureCode);
        else view.Procedures[e.ProcedureCode] = e.Desks;
    }

    public void Apply(OfficeClosureDeclared e, OfficeView view)
    {
        if (!view.Closures.Contains(e.Date)) view.Closures.Add(e.Date);
        view.ClosureReasons.TryAdd(e.Date.ToString("yyyy-MM-dd"), e.Reason);
    }
}
