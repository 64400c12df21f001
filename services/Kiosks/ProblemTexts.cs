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
        ["Name the version of the consent text the screen showed."] =
            ("Indiqueu la versió del text de consentiment que ha mostrat la pantalla.", "Indique la versión del texto de consentimiento que ha mostrado la pantalla."),
        // Endpoint and decision messages a citizen-facing screen can show (ProblemTextsTests reads them from the source).
        ["This help request exists already."] =
            ("Aquesta petició d'ajuda ja existeix.", "Esta petición de ayuda ya existe."),
        ["There is no such help request."] =
            ("No hi ha cap petició d'ajuda com aquesta.", "No hay ninguna petición de ayuda como esta."),
        ["Help is already asked for in this session."] =
            ("Ja s'ha demanat ajuda en aquesta sessió.", "Ya se ha pedido ayuda en esta sesión."),
        ["There is no such kiosk."] =
            ("No hi ha cap quiosc com aquest.", "No hay ningún quiosco como este."),
        ["This kiosk has no such help request."] =
            ("Aquest quiosc no té cap petició d'ajuda com aquesta.", "Este quiosco no tiene ninguna petición de ayuda como esta."),
        ["There is no kiosk '{id}'."] =
            ("No hi ha cap quiosc '{id}'.", "No hay ningún quiosco '{id}'."),
        ["No kiosk menu is published for kiosk '{kiosk}' or its office."] =
            ("No hi ha cap menú publicat per al quiosc '{kiosk}' ni per a la seva oficina.", "No hay ningún menú publicado para el quiosco '{kiosk}' ni para su oficina."),
        ["Say which procedure the appointment is for."] =
            ("Indiqueu per a quin tràmit és la cita.", "Indique para qué trámite es la cita."),
        ["This kiosk is out of service: it did not acknowledge the last session's wipe. Wipe, acknowledge, then start again."] =
            ("Aquest quiosc està fora de servei: no ha confirmat l'esborrament de l'última sessió. Esborreu, confirmeu i torneu a començar.", "Este quiosco está fuera de servicio: no ha confirmado el borrado de la última sesión. Borre, confirme y vuelva a empezar."),
        ["The last session's wipe is not acknowledged yet: acknowledge it before a new session starts."] =
            ("L'esborrament de l'última sessió encara no s'ha confirmat: confirmeu-lo abans de començar una sessió nova.", "El borrado de la última sesión aún no se ha confirmado: confírmelo antes de empezar una sesión nueva."),
        ["A session is already open on this kiosk: end it first."] =
            ("Ja hi ha una sessió oberta en aquest quiosc: acabeu-la primer.", "Ya hay una sesión abierta en este quiosco: termínela primero."),
        ["An identified session needs the citizen's id."] =
            ("Una sessió identificada necessita l'identificador del ciutadà.", "Una sesión identificada necesita el identificador del ciudadano."),
        ["This session is another citizen's: finish it, and the next citizen starts a session of their own."] =
            ("Aquesta sessió és d'un altre ciutadà: acabeu-la, i el ciutadà següent en comença una de pròpia.", "Esta sesión es de otro ciudadano: termínela, y el siguiente ciudadano empieza una propia."),
        ["No wipe of that session is waiting for acknowledgement."] =
            ("No hi ha cap esborrament d'aquesta sessió pendent de confirmar.", "No hay ningún borrado de esta sesión pendiente de confirmar."),
        ["An appointment is booked in a citizen's name: identify the citizen (ID card, idCat Mòbil, NFC) in a new session first."] =
            ("Una cita es demana a nom d'un ciutadà: primer identifiqueu-lo (DNI, idCat Mòbil, NFC) en una sessió nova.", "Una cita se pide a nombre de un ciudadano: primero identifíquelo (DNI, idCat Mòbil, NFC) en una sesión nueva."),
        ["That session is not the one open on this kiosk (it ended, or never started here)."] =
            ("Aquesta sessió no és la que hi ha oberta en aquest quiosc (ha acabat, o no va començar aquí).", "Esta sesión no es la que está abierta en este quiosco (ha terminado, o no empezó aquí)."),
        ["Not a code: type a case tracking code ({tracking}), an appointment code ({appointment}) or an incident code ({incident})."] =
            ("No és cap codi: escriviu un codi de seguiment d'expedient ({tracking}), un codi de cita ({appointment}) o un codi d'incidència ({incident}).", "No es ningún código: escriba un código de seguimiento de expediente ({tracking}), un código de cita ({appointment}) o un código de incidencia ({incident})."),
        ["Notifications are a citizen's own: identify the citizen (ID card, idCat Mòbil, NFC) first."] =
            ("Les notificacions són de cada ciutadà: primer identifiqueu-lo (DNI, idCat Mòbil, NFC).", "Las notificaciones son de cada ciudadano: primero identifíquelo (DNI, idCat Mòbil, NFC)."),
        ["This session is already a citizen's: finish it, and the next person starts a session of their own."] =
            ("Aquesta sessió ja és d'un ciutadà: acabeu-la, i la persona següent en comença una de pròpia.", "Esta sesión ya es de un ciudadano: termínela, y la siguiente persona empieza una propia."),
        ["Only a kiosk looks up its office's tickets here."] =
            ("Aquí només un quiosc consulta els tiquets de la seva oficina.", "Aquí solo un quiosco consulta los tiques de su oficina."),
        ["No citizen of the council has this DNI or NIE on record: staff at the desk can register them."] =
            ("Cap ciutadà de l'ajuntament no té registrat aquest DNI o NIE: al taulell us poden registrar.", "Ningún ciudadano del ayuntamiento tiene registrado este DNI o NIE: en el mostrador le pueden registrar."),
    };
}
