using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>History lines of the kiosks service: an identified session at a self-service point.</summary>
public static class KioskTexts
{
    public static LocalizedText Session(LocalizedText office, int actions, bool idle) => new(
        $"Sessió al punt d'autoservei ({office.Ca}): {Counting.Count(actions, "acció", "accions")}.{(idle ? " Tancada per inactivitat." : "")}",
        $"Sesión en el punto de autoservicio ({office.Es}): {Counting.Count(actions, "acción", "acciones")}.{(idle ? " Cerrada por inactividad." : "")}",
        $"Session at a self-service point ({office.En}): {Counting.Count(actions, "action", "actions")}.{(idle ? " Closed after inactivity." : "")}");
}
