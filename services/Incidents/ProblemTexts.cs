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
    };
}
