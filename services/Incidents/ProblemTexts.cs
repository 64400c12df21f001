using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Incidents;

/// <summary>The incidents' problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each
/// new English message; a test names any validator message missing here).</summary>
internal sealed class IncidentsProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        // Reporting (the citizen web and the kiosk).
        ["Say what happened, or what you want to ask or suggest."] = ("Expliqueu què ha passat, o què voleu preguntar o suggerir.", "Explique qué ha pasado, o qué quiere preguntar o sugerir."),
        ["Only complaints and suggestions may be reported anonymously: say which citizen reports it."] =
            ("Només les queixes i els suggeriments es poden presentar de manera anònima: indiqueu quin ciutadà ho presenta.",
             "Solo las quejas y las sugerencias se pueden presentar de forma anónima: indique qué ciudadano lo presenta."),
        ["Say which procedure the problem is with."] = ("Indiqueu amb quin tràmit teniu el problema.", "Indique con qué trámite tiene el problema."),
        ["At most 20 attributes."] = ("Com a màxim 20 atributs.", "Como máximo 20 atributos."),
        ["A case code goes only with a problem with an online procedure (l2-online-procedure)."] =
            ("Un codi d'expedient només acompanya un problema amb un tràmit en línia (l2-online-procedure).", "Un código de expediente solo acompaña a un problema con un trámite en línea (l2-online-procedure)."),
        ["A latitude lies between -90 and 90."] = ("Una latitud és entre -90 i 90.", "Una latitud está entre -90 y 90."),
        ["A longitude lies between -180 and 180."] = ("Una longitud és entre -180 i 180.", "Una longitud está entre -180 y 180."),
        ["Give both the latitude and the longitude, or neither."] = ("Indiqueu la latitud i la longitud, o cap de les dues.", "Indique la latitud y la longitud, o ninguna de las dos."),
        ["A location is coordinates (latitude and longitude) or an address."] =
            ("Una ubicació són unes coordenades (latitud i longitud) o una adreça.", "Una ubicación son unas coordenadas (latitud y longitud) o una dirección."),
        ["A report of '{category}' must say where it is (coordinates or an address)."] =
            ("Un avís de '{category}' ha de dir on és (coordenades o una adreça).", "Un aviso de '{category}' debe decir dónde está (coordenadas o una dirección)."),
        ["There is no category '{category}' in the council's catalogue."] =
            ("No hi ha cap categoria '{category}' al catàleg de l'ajuntament.", "No hay ninguna categoría '{category}' en el catálogo del ayuntamiento."),

        // Following, rating, answering.
        ["Say which citizen follows it (their history tells them of the outcome)."] =
            ("Indiqueu quin ciutadà en fa el seguiment (el seu historial li comunicarà el resultat).", "Indique qué ciudadano hace el seguimiento (su historial le comunicará el resultado)."),
        ["Rate from 1 (very unsatisfied) to 5 (very satisfied)."] = ("Valoreu-ho de l'1 (gens satisfet) al 5 (molt satisfet).", "Valórelo del 1 (nada satisfecho) al 5 (muy satisfecho)."),
        ["Give the information asked for."] = ("Aporteu la informació que se us demana.", "Aporte la información que se le pide."),
        ["Say why it is not resolved."] = ("Expliqueu per què no està resolt.", "Explique por qué no está resuelto."),

        // Staff's workflow.
        ["Say which incident (by its code) is the duplicate to merge into this one."] =
            ("Indiqueu quina incidència (pel seu codi) és la duplicada que s'ha d'unir a aquesta.", "Indique qué incidencia (por su código) es la duplicada que se debe unir a esta."),
        ["A team is a short lower-case slug, e.g. '{team}'."] = ("Un equip és un identificador curt en minúscules, per exemple '{team}'.", "Un equipo es un identificador corto en minúsculas, por ejemplo '{team}'."),
        ["Say what the citizen must tell or send."] = ("Indiqueu què ha de dir o enviar el ciutadà.", "Indique qué debe decir o enviar el ciudadano."),
        ["A category is a code of the council's catalogue (GET /api/incidents/categories), e.g. 'streetlight'."] =
            ("Una categoria és un codi del catàleg de l'ajuntament (GET /api/incidents/categories), per exemple 'streetlight'.",
             "Una categoría es un código del catálogo del ayuntamiento (GET /api/incidents/categories), por ejemplo 'streetlight'."),
        ["Unknown priority; use one of: {priorities}."] = ("Prioritat desconeguda; feu servir una d'aquestes: {priorities}.", "Prioridad desconocida; use una de estas: {priorities}."),
        ["Unknown SLA state; use one of: {states}."] = ("Estat d'SLA desconegut; feu servir un d'aquests: {states}.", "Estado de SLA desconocido; use uno de estos: {states}."),
        ["Tell the citizen how it was resolved."] = ("Expliqueu al ciutadà com s'ha resolt.", "Explique al ciudadano cómo se ha resuelto."),
        // Endpoint and decision messages a citizen-facing screen can show (ProblemTextsTests reads them from the source).
        ["There is no such incident."] =
            ("No hi ha cap incidència com aquesta.", "No hay ninguna incidencia como esta."),
        ["The incident is closed: it takes no more attachments."] =
            ("La incidència està tancada: no admet més fitxers.", "La incidencia está cerrada: no admite más archivos."),
        ["The incident already has {count} attachments, the most it may have."] =
            ("La incidència ja té {count} fitxers, el màxim que pot tenir.", "La incidencia ya tiene {count} archivos, el máximo que puede tener."),
        ["No incident has this code."] =
            ("Cap incidència no té aquest codi.", "Ninguna incidencia tiene este código."),
        ["The incident has no such attachment."] =
            ("La incidència no té cap fitxer com aquest.", "La incidencia no tiene ningún archivo como este."),
        ["This citizen already follows the incident (or reported it): they will hear of its outcome."] =
            ("Aquest ciutadà ja segueix la incidència (o la va comunicar): en sabrà el resultat.", "Este ciudadano ya sigue la incidencia (o la comunicó): sabrá su resultado."),
        ["This incident was already reported."] =
            ("Aquesta incidència ja s'havia comunicat.", "Esta incidencia ya se había comunicado."),
        ["There is no procedure '{procedure}' in the catalogue."] =
            ("No hi ha cap tràmit '{procedure}' al catàleg.", "No hay ningún trámite '{procedure}' en el catálogo."),
        ["{attribute}: required for a report of '{category}'."] =
            ("{attribute}: obligatori per comunicar '{category}'.", "{attribute}: obligatorio para comunicar '{category}'."),
        ["The incident is closed: it cannot be {what}."] =
            ("La incidència està tancada: no es pot fer ({what}).", "La incidencia está cerrada: no se puede hacer ({what})."),
        ["The incident is resolved: it cannot be {what} unless it is reopened."] =
            ("La incidència està resolta: no es pot fer ({what}) si no es reobre.", "La incidencia está resuelta: no se puede hacer ({what}) si no se reabre."),
        ["The incident is waiting for the citizen's information: it cannot be {what} until they give it (or resolve it)."] =
            ("La incidència espera la informació del ciutadà: no es pot fer ({what}) fins que la doni (o es resolgui).", "La incidencia espera la información del ciudadano: no se puede hacer ({what}) hasta que la dé (o se resuelva)."),
        ["The incident is closed: it takes no more information."] =
            ("La incidència està tancada: no admet més informació.", "La incidencia está cerrada: no admite más información."),
        ["No information was asked for on this incident."] =
            ("No s'ha demanat cap informació sobre aquesta incidència.", "No se ha pedido ninguna información sobre esta incidencia."),
        ["The incident has already been rated: it can be rated only once."] =
            ("La incidència ja s'ha valorat: només es pot valorar una vegada.", "La incidencia ya se ha valorado: solo se puede valorar una vez."),
        ["The incident is not resolved yet: it can be rated once it is resolved."] =
            ("La incidència encara no està resolta: es podrà valorar quan ho estigui.", "La incidencia aún no está resuelta: se podrá valorar cuando lo esté."),
        ["The incident is closed: it cannot be reopened. Report a new one."] =
            ("La incidència està tancada: no es pot reobrir. Comuniqueu-ne una de nova.", "La incidencia está cerrada: no se puede reabrir. Comunique una nueva."),
        ["The incident is not resolved: there is nothing to reopen."] =
            ("La incidència no està resolta: no hi ha res a reobrir.", "La incidencia no está resuelta: no hay nada que reabrir."),
        ["The reopening period has passed: an incident can be reopened within {days} days of its resolution. Report a new one."] =
            ("El termini per reobrir-la ha passat: una incidència es pot reobrir fins a {days} dies després de resoldre's. Comuniqueu-ne una de nova.", "El plazo para reabrirla ha pasado: una incidencia se puede reabrir hasta {days} días después de resolverse. Comunique una nueva."),
    };
}
