using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Queues;

/// <summary>The queues' problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each new
/// English message; a test names any validator message missing here).</summary>
internal sealed class QueuesProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        ["At most {count} lines."] = ("Com a màxim {count} cues.", "Como máximo {count} colas."),
        ["A line, not null."] = ("Una cua, no null.", "Una cola, no null."),
        ["Unknown line; use: {lines}."] = ("Cua desconeguda; feu servir: {lines}.", "Cola desconocida; use: {lines}."),
        ["One or two letters, e.g. P."] = ("Una o dues lletres, per exemple P.", "Una o dos letras, por ejemplo P."),
        ["Say the line (toLine) or the desk (toDeskId) the ticket goes to."] =
            ("Indiqueu la cua (toLine) o el taulell (toDeskId) on va el tiquet.", "Indique la cola (toLine) o el mostrador (toDeskId) adonde va el tique."),
        ["Say which lines the desk serves."] = ("Indiqueu quines cues atén el taulell.", "Indique qué colas atiende el mostrador."),
        ["Tickets are issued through: {channels}."] = ("Els tiquets s'emeten per: {channels}.", "Los tiques se emiten por: {channels}."),
        ["A virtual ticket needs the citizen, to tell them when they are next."] =
            ("Un tiquet virtual necessita el ciutadà, per avisar-lo quan li toqui.", "Un tique virtual necesita al ciudadano, para avisarle cuando sea su turno."),
        ["An office needs at least one line."] = ("Una oficina necessita almenys una cua.", "Una oficina necesita al menos una cola."),
        ["Each line needs its own prefix."] = ("Cada cua necessita el seu prefix.", "Cada cola necesita su propio prefijo."),
        ["Each line once."] = ("Cada cua una sola vegada.", "Cada cola una sola vez."),
        ["That is this desk."] = ("És aquest mateix taulell.", "Es este mismo mostrador."),
    };
}
