using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Vocabulary;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>The problem texts every service writes: the building blocks' own (titles, unreadable input, the text and date
/// policies, phones, personal codes, the access log's reason) and words several services' validators share. A
/// service's own texts are in its <c>ProblemTexts.cs</c>; see <see cref="ProblemTexts"/> for the keys.</summary>
internal sealed class SharedProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        // Titles and the building blocks' own details (Http/ProblemHandling.cs).
        ["The request is not valid."] = ("La petició no és vàlida.", "La petición no es válida."),
        ["Not found."] = ("No s'ha trobat.", "No se ha encontrado."),
        ["The request conflicts with the current state."] = ("La petició no és compatible amb l'estat actual.", "La petición no es compatible con el estado actual."),
        ["Concurrent change."] = ("Canvi simultani.", "Cambio simultáneo."),
        ["Changed since you read it."] = ("Ha canviat des que el vau consultar.", "Ha cambiado desde que lo consultó."),
        ["Someone else changed this at the same time. Reload and try again."] =
            ("Algú altre ho ha canviat alhora. Torneu-ho a carregar i proveu-ho de nou.", "Otra persona lo ha cambiado al mismo tiempo. Vuelva a cargarlo e inténtelo de nuevo."),
        ["Temporarily unavailable."] = ("No disponible temporalment.", "No disponible temporalmente."),
        ["This instance of the service is stopping. Try again in a moment."] =
            ("Aquesta instància del servei s'està aturant. Torneu-ho a provar d'aquí a un moment.", "Esta instancia del servicio se está deteniendo. Vuelva a intentarlo en un momento."),
        ["Something went wrong on our side."] = ("Alguna cosa no ha funcionat per part nostra.", "Algo no ha funcionado por nuestra parte."),
        ["The error was logged; quote the correlation id when you report it."] =
            ("L'error ha quedat registrat; indiqueu l'identificador de correlació si el comuniqueu.", "El error ha quedado registrado; indique el identificador de correlación si lo comunica."),
        ["Sign-in required."] = ("Cal iniciar la sessió.", "Es necesario iniciar sesión."),
        ["Not allowed."] = ("No està permès.", "No está permitido."),
        ["A JSON body is required."] = ("Cal un cos JSON.", "Se necesita un cuerpo JSON."),
        ["'{name}' is not a field of this request."] = ("'{name}' no és un camp d'aquesta petició.", "'{name}' no es un campo de esta petición."),
        ["Not a list."] = ("No és una llista.", "No es una lista."),
        ["Not an id (a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)."] =
            ("No és un identificador (un UUID com ara 3fa85f64-5717-4562-b3fc-2c963f66afa6).", "No es un identificador (un UUID como 3fa85f64-5717-4562-b3fc-2c963f66afa6)."),
        ["Not a whole number in range."] = ("No és un nombre enter dins del rang.", "No es un número entero dentro del rango."),
        ["Not a number."] = ("No és un nombre.", "No es un número."),
        ["Not true or false."] = ("No és true ni false.", "No es true ni false."),
        ["Not a date (yyyy-MM-dd)."] = ("No és una data (aaaa-mm-dd).", "No es una fecha (aaaa-mm-dd)."),
        ["Not a date and time (ISO 8601)."] = ("No és una data i hora (ISO 8601).", "No es una fecha y hora (ISO 8601)."),
        ["Not a time (HH:mm)."] = ("No és una hora (hh:mm).", "No es una hora (hh:mm)."),
        ["Not a text."] = ("No és un text.", "No es un texto."),
        ["Not a value of the expected kind (see the API reference)."] =
            ("No és un valor del tipus esperat (vegeu la referència de l'API).", "No es un valor del tipo esperado (consulte la referencia de la API)."),
        ["The JSON is malformed here."] = ("El JSON està mal format en aquest punt.", "El JSON está mal formado en este punto."),
        ["The body is not valid JSON: {message}"] = ("El cos no és un JSON vàlid: {message}", "El cuerpo no es un JSON válido: {message}"),
        ["Required."] = ("Obligatori.", "Obligatorio."),
        ["Send the body as application/json."] = ("Envieu el cos com a application/json.", "Envíe el cuerpo como application/json."),
        ["Unsupported content type."] = ("Tipus de contingut no admès.", "Tipo de contenido no admitido."),
        ["The request could not be read."] = ("No s'ha pogut llegir la petició.", "No se ha podido leer la petición."),
        ["Send the ETag you read, e.g. \"3\"."] = ("Envieu l'ETag que heu llegit, per exemple \"3\".", "Envíe el ETag que ha leído, por ejemplo \"3\"."),
        ["No council (tenant) given: send a token with a 'tenant' claim."] =
            ("No s'ha indicat cap ajuntament (tenant): envieu un testimoni amb la declaració 'tenant'.", "No se ha indicado ningún ayuntamiento (tenant): envíe un token con la declaración 'tenant'."),

        // The text and date policies (Http/InputPolicy.cs).
        ["At most {max} characters."] = ("Com a màxim {max} caràcters.", "Como máximo {max} caracteres."),
        ["Control characters (such as NUL) are not allowed."] = ("No s'admeten caràcters de control (com ara NUL).", "No se admiten caracteres de control (como NUL)."),
        ["A text value is expected here."] = ("Aquí s'espera un text.", "Aquí se espera un texto."),
        ["A date (yyyy-MM-dd) is expected here."] = ("Aquí s'espera una data (aaaa-mm-dd).", "Aquí se espera una fecha (aaaa-mm-dd)."),
        ["A date and time (ISO 8601, e.g. 2026-03-02T10:00:00+01:00) is expected here."] =
            ("Aquí s'espera una data i hora (ISO 8601, per exemple 2026-03-02T10:00:00+01:00).", "Aquí se espera una fecha y hora (ISO 8601, por ejemplo 2026-03-02T10:00:00+01:00)."),
        ["A date between {from} and {to}."] = ("Una data entre el {from} i el {to}.", "Una fecha entre el {from} y el {to}."),

        // Phones, personal codes, citizens, the access log's reason.
        [$"Not a phone number: give it with its country prefix, e.g. {PhoneNumberRules.Example}, or as dialled locally."] =
            ($"No és un número de telèfon: escriviu-lo amb el prefix del país, per exemple {PhoneNumberRules.Example}, o tal com el marcaríeu aquí.",
             $"No es un número de teléfono: escríbalo con el prefijo del país, por ejemplo {PhoneNumberRules.Example}, o tal como lo marcaría aquí."),
        [PersonalCode.Appointment.TypoRejection("code").Message] =
            ("Aquest codi de cita té un error: els caràcters no concorden entre ells. Reviseu-los un per un i torneu-lo a escriure.",
             "Este código de cita tiene un error: los caracteres no concuerdan entre sí. Revíselos uno a uno y vuelva a escribirlo."),
        [PersonalCode.Tracking.TypoRejection("code").Message] =
            ("Aquest codi de seguiment té un error: els caràcters no concorden entre ells. Reviseu-los un per un i torneu-lo a escriure.",
             "Este código de seguimiento tiene un error: los caracteres no concuerdan entre sí. Revíselos uno a uno y vuelva a escribirlo."),
        [PersonalCode.Incident.TypoRejection("code").Message] =
            ("Aquest codi d'incidència té un error: els caràcters no concorden entre ells. Reviseu-los un per un i torneu-lo a escriure.",
             "Este código de incidencia tiene un error: los caracteres no concuerdan entre sí. Revíselos uno a uno y vuelva a escribirlo."),
        [PersonalCode.Appointment.NotACodeRejection("code").Message] =
            ($"Això no és un codi de cita: té la forma {PersonalCode.Appointment.Shape} (una C i nou lletres o xifres).",
             $"Esto no es un código de cita: tiene la forma {PersonalCode.Appointment.Shape} (una C y nueve letras o cifras)."),
        [PersonalCode.Tracking.NotACodeRejection("code").Message] =
            ($"Això no és un codi de seguiment: té la forma {PersonalCode.Tracking.Shape} (una T i deu lletres o xifres).",
             $"Esto no es un código de seguimiento: tiene la forma {PersonalCode.Tracking.Shape} (una T y diez letras o cifras)."),
        [PersonalCode.Incident.NotACodeRejection("code").Message] =
            ($"Això no és un codi d'incidència: té la forma {PersonalCode.Incident.Shape} (una N i deu lletres o xifres).",
             $"Esto no es un código de incidencia: tiene la forma {PersonalCode.Incident.Shape} (una N y diez letras o cifras)."),
        ["Not a case tracking code (it looks like {shape})."] =
            ("No és un codi de seguiment d'expedient (té la forma {shape}).", "No es un código de seguimiento de expediente (tiene la forma {shape})."),
        ["No citizen is registered with this id."] = ("No hi ha cap ciutadà registrat amb aquest identificador.", "No hay ningún ciudadano registrado con este identificador."),
        ["Not a phone number."] = ("No és un número de telèfon.", "No es un número de teléfono."),
        ["Not an e-mail address."] = ("No és una adreça electrònica.", "No es una dirección de correo electrónico."),
        ["There is no procedure with this code in the catalogue."] = ("No hi ha cap tràmit amb aquest codi al catàleg.", "No hay ningún trámite con este código en el catálogo."),
        ["There is no procedure '{code}'."] = ("No hi ha cap tràmit '{code}'.", "No hay ningún trámite '{code}'."),
        ["Procedure '{code}' has been withdrawn."] = ("El tràmit '{code}' s'ha retirat.", "El trámite '{code}' se ha retirado."),
        ["Not a citizen id."] = ("No és un identificador de ciutadà.", "No es un identificador de ciudadano."),
        ["Say why you open this view: one of {reasons}."] = ("Indiqueu per què obriu aquesta vista: un de {reasons}.", "Indique por qué abre esta vista: uno de {reasons}."),

        // Words several services' validators and endpoints share.
        ["Unknown channel; use one of: {channels}."] = ("Canal desconegut; feu servir un d'aquests: {channels}.", "Canal desconocido; use uno de estos: {channels}."),
        ["Unknown kind; use one of: {kinds}."] = ("Tipus desconegut; feu servir un d'aquests: {kinds}.", "Tipo desconocido; use uno de estos: {kinds}."),
        ["Unknown status; use one of: {statuses}."] = ("Estat desconegut; feu servir un d'aquests: {statuses}.", "Estado desconocido; use uno de estos: {statuses}."),
        ["Use one of: {values}."] = ("Feu servir un d'aquests valors: {values}.", "Use uno de estos valores: {values}."),
        ["One of: {values}."] = ("Un d'aquests valors: {values}.", "Uno de estos valores: {values}."),
        ["Pages start at 1 (at most 100000)."] = ("Les pàgines comencen per l'1 (fins a 100000).", "Las páginas empiezan por la 1 (hasta 100000)."),
        ["Between 1 and 200."] = ("Entre 1 i 200.", "Entre 1 y 200."),
        ["A SHA-256 hash is 64 hexadecimal digits."] = ("Un resum SHA-256 té 64 xifres hexadecimals.", "Un resumen SHA-256 tiene 64 cifras hexadecimales."),
        ["Write the answer the citizen gets."] = ("Escriviu la resposta que rebrà el ciutadà.", "Escriba la respuesta que recibirá el ciudadano."),
        ["A procedure code, e.g. 'census-certificate'."] = ("Un codi de tràmit, per exemple 'census-certificate'.", "Un código de trámite, por ejemplo 'census-certificate'."),
        ["Give the text in Catalan, Spanish and English."] = ("Escriviu el text en català, castellà i anglès.", "Escriba el texto en catalán, castellano e inglés."),
        // Registering in person and its consent: the citizens service's refusals, passed on as they come by the kiosks service.
        ["A name of 1 to {length} characters."] =
            ("Un nom d'1 a {length} caràcters.", "Un nombre de 1 a {length} caracteres."),
        ["The DNI or NIE is needed."] =
            ("Cal el DNI o NIE.", "Se necesita el DNI o NIE."),
        ["This DNI or NIE is already registered: identify with it instead."] =
            ("Aquest DNI o NIE ja està registrat: identifiqueu-vos-hi.", "Este DNI o NIE ya está registrado: identifíquese con él."),
        ["This cannot be used for a new registration here: leave it empty, or ask at the desk."] =
            ("Això no es pot fer servir per a un registre nou aquí: deixeu-ho en blanc o pregunteu al taulell.", "Esto no se puede usar para un registro nuevo aquí: déjelo en blanco o pregunte en el mostrador."),
        ["Say in which language the consent text was shown: ca, es or en."] =
            ("Indiqueu en quina llengua s'ha mostrat el text de consentiment: ca, es o en.", "Indique en qué lengua se ha mostrado el texto de consentimiento: ca, es o en."),
        ["Not a consent text the platform shows: name the purpose and version of the text in contracts/ConsentTexts.cs."] =
            ("No és un text de consentiment que mostri la plataforma: indiqueu la finalitat i la versió del text de contracts/ConsentTexts.cs.", "No es un texto de consentimiento que muestre la plataforma: indique la finalidad y la versión del texto de contracts/ConsentTexts.cs."),
    };
}
