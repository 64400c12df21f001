using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Offices.Configuring;

namespace Omnichannel.Queues.DemoData;

/// <summary>
/// The seeds' lines, configured when <c>DemoData:Enabled</c> is true and the office directory (appointments' demo
/// offices) registers a demo office: Mataró Connecta Space (<c>connecta-space</c>) with Point 0 (P), the general
/// line (G), the appointment line (C) and the priority line (A); the civic centres (<c>cc-pla-den-boet</c>,
/// <c>cc-cerdanyola</c>, <c>cc-rocafonda</c>) with the general and appointment lines. The ids are appointments'
/// own: queues never invent office ids.
/// </summary>
public static class DemoLines
{
    public const string CentralOffice = "connecta-space";
    public static readonly IReadOnlyList<string> CivicCentres = ["cc-pla-den-boet", "cc-cerdanyola", "cc-rocafonda"];

    private static readonly IReadOnlyList<LineDefinition> Central =
    [
        Line(ServiceLines.Point0, "P", "Punt 0", "Punto 0", "Point 0"),
        Line(ServiceLines.General, "G", "Atenció general", "Atención general", "General attention"),
        Line(ServiceLines.Appointment, "C", "Cita prèvia", "Cita previa", "Appointments"),
        Line(ServiceLines.Priority, "A", "Atenció preferent", "Atención preferente", "Priority attention"),
    ];

    private static readonly IReadOnlyList<LineDefinition> CivicCentre =
    [
        Line(ServiceLines.General, "G", "Atenció general", "Atención general", "General attention"),
        Line(ServiceLines.Appointment, "C", "Cita prèvia", "Cita previa", "Appointments"),
    ];

    /// <summary>The demo configuration of an office (the directory's name shown), or null if it is not a demo office.</summary>
    public static ConfigureOffice? For(string officeId, DateTimeOffset at) =>
        officeId == CentralOffice ? new(officeId, null, Central, OfficeRules.Default, at, "demo-data")
        : CivicCentres.Contains(officeId) ? new(officeId, null, CivicCentre, OfficeRules.Default, at, "demo-data")
        : null;

    private static LineDefinition Line(string line, string prefix, string ca, string es, string en) => new(line, prefix, new LocalizedText(ca, es, en));
}
