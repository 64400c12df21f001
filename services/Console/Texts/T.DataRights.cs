namespace Omnichannel.StaffConsole.Texts;

public sealed partial class T
{
    // Why a member of staff opens a citizen's history: logged with the read (the access log's reasons).
    private static readonly Dictionary<string, (string Ca, string Es, string En)> DataRightsWords = new()
    {
        ["datarights-reason"] = ("Motiu de la consulta", "Motivo de la consulta", "Reason for looking"),
        ["datarights-reason-citizen-request"] = ("Ho demana la persona", "Lo pide la persona", "The citizen asks"),
        ["datarights-reason-case-handling"] = ("Tramitació d'un expedient", "Tramitación de un expediente", "Handling a case"),
        ["datarights-reason-complaint-handling"] = ("Gestió d'una queixa o incidència", "Gestión de una queja o incidencia", "Handling a complaint or incident"),
        ["datarights-reason-legal-obligation"] = ("Obligació legal", "Obligación legal", "Legal obligation"),
        ["datarights-reason-data-protection-review"] = ("Revisió de protecció de dades", "Revisión de protección de datos", "Data-protection review"),
    };
}
