using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Kiosks;

/// <summary>The kiosks' problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each new
/// English message; a test names any validator message missing here).</summary>
internal sealed class KiosksProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        ["Between 1 and 40 procedures: a kiosk screen, not the catalogue."] =
            ("Entre 1 i 40 tràmits: una pantalla de quiosc, no el catàleg.", "Entre 1 y 40 trámites: una pantalla de quiosco, no el catálogo."),
        ["Each entry names a procedure."] = ("Cada entrada indica un tràmit.", "Cada entrada indica un trámite."),
        ["A code: letters, digits, '.', '_' or '-'."] = ("Un codi: lletres, xifres, '.', '_' o '-'.", "Un código: letras, cifras, '.', '_' o '-'."),
        ["An office id, e.g. 'connecta-space'."] = ("Un identificador d'oficina, per exemple 'connecta-space'.", "Un identificador de oficina, por ejemplo 'connecta-space'."),
        ["Say how the citizen was identified: id-card, id-cat-mobil or nfc."] =
            ("Indiqueu com s'ha identificat el ciutadà: id-card, id-cat-mobil o nfc.", "Indique cómo se ha identificado el ciudadano: id-card, id-cat-mobil o nfc."),
        ["An anonymous session names no citizen: say how the citizen was identified."] =
            ("Una sessió anònima no indica cap ciutadà: indiqueu com s'ha identificat.", "Una sesión anónima no indica ningún ciudadano: indique cómo se ha identificado."),
        ["Each peripheral once."] = ("Cada perifèric una sola vegada.", "Cada periférico una sola vez."),
        ["Unknown peripheral; use: {values}."] = ("Perifèric desconegut; feu servir: {values}.", "Periférico desconocido; use: {values}."),
        ["Unknown state; use: {values}."] = ("Estat desconegut; feu servir: {values}.", "Estado desconocido; use: {values}."),
        ["Remote help needs a kiosk with a camera, speaker and microphone: ask for help on site."] =
            ("L'ajuda remota necessita un quiosc amb càmera, altaveu i micròfon: demaneu ajuda presencial.", "La ayuda remota necesita un quiosco con cámara, altavoz y micrófono: pida ayuda presencial."),
        ["A name of 1 to 120 characters."] = ("Un nom d'1 a 120 caràcters.", "Un nombre de 1 a 120 caracteres."),
        ["The person must agree, on the screen, to the council keeping these details."] =
            ("La persona ha d'acceptar, a la pantalla, que l'ajuntament guardi aquestes dades.", "La persona debe aceptar, en la pantalla, que el ayuntamiento guarde estos datos."),
    };
}
