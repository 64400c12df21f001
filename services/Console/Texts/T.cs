using System.Globalization;

namespace Omnichannel.StaffConsole.Texts;

/// <summary>The console's words in Catalan, Spanish and English, for the language of the request (the member of
/// staff's saved choice, else the browser's). Each screen family keeps its own table in a file of this partial class
/// (<c>T.Kiosk.cs</c> beside this one, named <c>...Words</c>), so a missing translation is a missing column there; the
/// tables are joined once, and a key written in two of them stops the app at start.</summary>
public sealed partial class T
{
    public static readonly string[] Languages = ["ca", "es", "en"];
    public static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var l && Languages.Contains(l) ? l : "ca";

    public string this[string key] => In(Language, key);

    /// <summary>A word in a given language, whatever the request's: a kiosk speaks the language its citizen picked, and
    /// a display announces each call in every language of its office.</summary>
    public static string In(string language, string key) =>
        Words.TryGetValue(key, out var w) ? language switch { "es" => w.Es, "en" => w.En, _ => w.Ca } : key;

    /// <summary>A time as staff in the council read it: Europe/Madrid, whatever the server's zone.</summary>
    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Madrid).ToString("HH:mm");
    public static string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Madrid).ToString("dd/MM/yyyy HH:mm");
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Madrid).DateTime);

    public string LanguageName(string language) => language switch { "es" => "Español", "en" => "English", _ => "Català" };

    // Lazy: static fields of a partial class are set in no promised order across its files.
    private static readonly Lazy<Dictionary<string, (string Ca, string Es, string En)>> Joined = new(JoinTables);
    private static Dictionary<string, (string Ca, string Es, string En)> Words => Joined.Value;

    /// <summary>Joins the tables now, so a word written twice stops the app at start rather than on some page.</summary>
    public static void CheckTables() => _ = Joined.Value;

    private static Dictionary<string, (string Ca, string Es, string En)> JoinTables()
    {
        var words = new Dictionary<string, (string Ca, string Es, string En)>();
        var tables = typeof(T).GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
            .Where(f => f.Name.EndsWith("Words", StringComparison.Ordinal) && f.FieldType == typeof(Dictionary<string, (string, string, string)>));
        foreach (var table in tables)
            foreach (var (key, text) in (Dictionary<string, (string, string, string)>)table.GetValue(null)!)
                if (!words.TryAdd(key, text))
                    throw new InvalidOperationException($"The console's word '{key}' is written in two tables ({table.Name}).");
        return words;
    }

    private static readonly Dictionary<string, (string Ca, string Es, string En)> StaffWords = new()
    {
        ["app"] = ("Consola d'atenció ciutadana", "Consola de atención ciudadana", "Citizen assistance console"),
        ["skip"] = ("Vés al contingut", "Ir al contenido", "Skip to content"),
        ["nav"] = ("Pantalles", "Pantallas", "Screens"),
        ["home"] = ("Inici", "Inicio", "Home"),
        ["desk"] = ("Taulell", "Mostrador", "Desk"),
        ["welcome"] = ("Acollida", "Acogida", "Welcome desk"),
        ["phone"] = ("Telèfon", "Teléfono", "Phone"),
        ["board"] = ("Tauler de demanda", "Panel de demanda", "Demand board"),
        ["citizen"] = ("Ciutadania", "Ciudadanía", "Citizen"),
        ["administration"] = ("Administració", "Administración", "Administration"),
        ["signout"] = ("Tanca la sessió", "Cerrar sesión", "Sign out"),
        ["signin"] = ("Inicia la sessió", "Iniciar sesión", "Sign in"),
        ["signedout"] = ("Has tancat la sessió.", "Has cerrado la sesión.", "You have signed out."),
        ["signedin-as"] = ("Sessió de", "Sesión de", "Signed in as"),
        ["language"] = ("Idioma", "Idioma", "Language"),
        ["change"] = ("Canvia", "Cambiar", "Change"),
        ["forbidden"] = ("No tens accés a aquesta pantalla.", "No tienes acceso a esta pantalla.", "You cannot open this screen."),
        ["forbidden-title"] = ("Accés denegat", "Acceso denegado", "Access denied"),
        ["notfound"] = ("No hi ha res en aquesta adreça.", "No hay nada en esta dirección.", "There is nothing at this address."),
        ["loading"] = ("Carregant…", "Cargando…", "Loading…"),
        ["welcome-text"] = ("Tria una pantalla per començar.", "Elige una pantalla para empezar.", "Choose a screen to start."),
        ["office"] = ("Oficina", "Oficina", "Office"),
        ["desk-id"] = ("Número de taulell", "Número de mostrador", "Desk number"),
        ["lines"] = ("Cues que atén", "Colas que atiende", "Lines served"),
        ["open-desk"] = ("Obre el taulell", "Abrir el mostrador", "Open the desk"),
        ["close-desk"] = ("Tanca el taulell", "Cerrar el mostrador", "Close the desk"),
        ["desk-open"] = ("Taulell obert", "Mostrador abierto", "Desk open"),
        ["call-next"] = ("Crida el següent", "Llamar al siguiente", "Call next"),
        ["recall"] = ("Torna a cridar", "Volver a llamar", "Recall"),
        ["no-show"] = ("No s'ha presentat", "No se ha presentado", "No-show"),
        ["start"] = ("Comença l'atenció", "Empezar la atención", "Start service"),
        ["complete"] = ("Acaba l'atenció", "Terminar la atención", "Complete"),
        ["transfer"] = ("Deriva", "Derivar", "Transfer"),
        ["transfer-to-line"] = ("A la cua", "A la cola", "To line"),
        ["current-ticket"] = ("Tiquet actual", "Tique actual", "Current ticket"),
        ["no-ticket"] = ("Cap tiquet en curs.", "Ningún tique en curso.", "No ticket in progress."),
        ["calls"] = ("Crides", "Llamadas", "Calls"),
        ["waiting-per-line"] = ("Esperant per cua", "Esperando por cola", "Waiting per line"),
        ["line"] = ("Cua", "Cola", "Line"),
        ["waiting"] = ("Esperant", "Esperando", "Waiting"),
        ["longest-wait"] = ("Espera més llarga (min)", "Espera más larga (min)", "Longest wait (min)"),
        ["desks-open"] = ("Taulells oberts", "Mostradores abiertos", "Desks open"),
        ["served-today"] = ("Atesos avui", "Atendidos hoy", "Served today"),
        ["missed-today"] = ("No presentats avui", "No presentados hoy", "Missed today"),
        ["refused"] = ("Visites sense cita rebutjades", "Visitas sin cita rechazadas", "Walk-ins refused"),
        ["updated"] = ("Actualitzat a les", "Actualizado a las", "Updated at"),
        ["history"] = ("Historial del ciutadà", "Historial del ciudadano", "Citizen's history"),
        ["no-citizen"] = ("Tiquet sense ciutadà identificat.", "Tique sin ciudadano identificado.", "Ticket without an identified citizen."),
        ["no-history"] = ("Encara no hi ha res a l'historial.", "Todavía no hay nada en el historial.", "Nothing in the history yet."),
        ["search-procedure"] = ("Cerca el tràmit", "Buscar el trámite", "Find the procedure"),
        ["search"] = ("Cerca", "Buscar", "Search"),
        ["procedure"] = ("Tràmit", "Trámite", "Procedure"),
        ["choose"] = ("Tria", "Elegir", "Choose"),
        ["chosen"] = ("Triat", "Elegido", "Chosen"),
        ["citizen-phone"] = ("Telèfon del ciutadà (opcional)", "Teléfono del ciudadano (opcional)", "Citizen's phone (optional)"),
        ["priority"] = ("Atenció prioritària", "Atención prioritaria", "Priority service"),
        ["issue-ticket"] = ("Dona el tiquet", "Dar el tique", "Issue the ticket"),
        ["ticket-issued"] = ("Tiquet donat", "Tique dado", "Ticket issued"),
        ["expected-wait"] = ("espera prevista (min)", "espera prevista (min)", "expected wait (min)"),
        ["needs-appointment"] = ("Aquest tràmit necessita cita: ofereix-ne una.", "Este trámite necesita cita: ofrece una.", "This procedure needs an appointment: offer one."),
        ["wait-too-long"] = ("L'espera passa de 15 minuts: ofereix una cita.", "La espera pasa de 15 minutos: ofrece una cita.", "The wait is over 15 minutes: offer an appointment."),
        ["office-closed"] = ("L'oficina és tancada ara.", "La oficina está cerrada ahora.", "The office is closed now."),
        ["slots-offered"] = ("Hores lliures per oferir", "Horas libres para ofrecer", "Free times to offer"),
        ["to-kiosk"] = ("Envia'l al caixer d'autoservei", "Enviarlo al cajero de autoservicio", "Send to the self-service kiosk"),
        ["kiosk-sent"] = ("Indica-li el caixer d'autoservei: aquest tràmit s'hi pot fer.", "Indícale el cajero de autoservicio: este trámite se puede hacer allí.", "Point them to the self-service kiosk: this procedure can be done there."),
        ["kiosk-not"] = ("Aquest tràmit no es pot fer al caixer.", "Este trámite no se puede hacer en el cajero.", "This procedure cannot be done at the kiosk."),
        ["callbacks"] = ("Trucades pendents", "Llamadas pendientes", "Callbacks"),
        ["day"] = ("Dia", "Día", "Day"),
        ["at"] = ("Hora", "Hora", "Time"),
        ["topic"] = ("Motiu", "Motivo", "Topic"),
        ["outcome"] = ("Resultat", "Resultado", "Outcome"),
        ["done"] = ("Feta", "Hecha", "Done"),
        ["failed"] = ("No localitzat", "No localizado", "Failed"),
        ["pending"] = ("Pendent", "Pendiente", "Pending"),
        ["due-now"] = ("Ara", "Ahora", "Due now"),
        ["note"] = ("Nota", "Nota", "Note"),
        ["start-case"] = ("Inicia un expedient per telèfon", "Iniciar un expediente por teléfono", "Start a case by phone"),
        ["case-started"] = ("Expedient iniciat", "Expediente iniciado", "Case started"),
        ["procedure-code"] = ("Codi del tràmit", "Código del trámite", "Procedure code"),
        ["summary"] = ("Resum", "Resumen", "Summary"),
        ["actions"] = ("Accions", "Acciones", "Actions"),
        ["no-callbacks"] = ("Cap trucada per a aquest dia.", "Ninguna llamada para este día.", "No callbacks for this day."),
        ["find-citizen"] = ("Cerca un ciutadà", "Buscar un ciudadano", "Find a citizen"),
        ["identity-kind"] = ("Tipus d'identificador", "Tipo de identificador", "Identifier kind"),
        ["identity-value"] = ("Valor", "Valor", "Value"),
        ["kind-phone"] = ("Telèfon", "Teléfono", "Phone"),
        ["kind-email"] = ("Correu electrònic", "Correo electrónico", "E-mail"),
        ["kind-national-id"] = ("DNI/NIE", "DNI/NIE", "National id"),
        ["kind-telegram"] = ("Telegram", "Telegram", "Telegram"),
        ["kind-whatsapp"] = ("WhatsApp", "WhatsApp", "WhatsApp"),
        ["closures"] = ("Tancament d'oficines", "Cierre de oficinas", "Office closures"),
        ["closure-date"] = ("Dia del tancament", "Día del cierre", "Closure day"),
        ["reason"] = ("Motiu", "Motivo", "Reason"),
        ["declare-closure"] = ("Tanca l'oficina aquest dia", "Cerrar la oficina ese día", "Close the office that day"),
        ["closure-declared"] = ("Tancament registrat; les cites es mouen soles.", "Cierre registrado; las citas se mueven solas.", "Closure recorded; appointments are moved for the citizens."),
        ["office-id"] = ("Codi de l'oficina", "Código de la oficina", "Office code"),
        ["error"] = ("Error", "Error", "Error"),
        ["done-ok"] = ("Fet.", "Hecho.", "Done."),
    };
}
