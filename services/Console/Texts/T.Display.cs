namespace Omnichannel.StaffConsole.Texts;

/// <summary>The waiting-room display's words (pages under Components/Pages/Display). "display-say" is what the screen
/// announces aloud and in its live region, {0} the ticket, {1} the desk.</summary>
public sealed partial class T
{
    private static readonly Dictionary<string, (string Ca, string Es, string En)> DisplayWords = new()
    {
        ["display-title"] = ("Torns", "Turnos", "Queue calls"),
        ["display-now"] = ("Ara atenem", "Ahora atendemos", "Now serving"),
        ["display-ticket"] = ("Tiquet", "Ticket", "Ticket"),
        ["display-desk"] = ("Taula", "Mesa", "Desk"),
        ["display-say"] = ("Tiquet {0}, taula {1}", "Ticket {0}, mesa {1}", "Ticket {0}, desk {1}"),
        ["display-no-calls"] = ("Encara no s'ha cridat cap tiquet.", "Todavía no se ha llamado ningún ticket.", "No ticket has been called yet."),
        ["display-waits"] = ("Temps d'espera", "Tiempo de espera", "Waiting times"),
        ["display-line"] = ("Cua", "Cola", "Line"),
        ["display-waiting"] = ("Persones esperant", "Personas esperando", "People waiting"),
        ["display-expected"] = ("Espera prevista", "Espera prevista", "Expected wait"),
        ["display-minutes"] = ("{0} min", "{0} min", "{0} min"),
        ["display-no-desk"] = ("Cap taula oberta", "Ninguna mesa abierta", "No desk open"),
        ["display-line-point0"] = ("Punt 0 (tràmits ràpids)", "Punto 0 (trámites rápidos)", "Point 0 (quick procedures)"),
        ["display-line-general"] = ("General", "General", "General"),
        ["display-line-appointment"] = ("Cita prèvia", "Cita previa", "Appointments"),
        ["display-line-priority"] = ("Prioritària", "Prioritaria", "Priority"),
        ["display-connecting"] = ("Connectant…", "Conectando…", "Connecting…"),
        ["display-live"] = ("En directe", "En directo", "Live"),
        ["display-reconnecting"] = ("S'ha perdut la connexió. Reconnectant… Les crides noves sortiran en uns moments.",
            "Se ha perdido la conexión. Reconectando… Las nuevas llamadas aparecerán en unos momentos.",
            "Connection lost. Reconnecting… New calls will appear in a moment."),
        ["display-sound"] = ("Activa el so dels avisos", "Activar el sonido de los avisos", "Turn call sounds on"),
        ["display-not-set-up"] = ("Aquesta pantalla no està configurada per a aquesta oficina.", "Esta pantalla no está configurada para esta oficina.",
            "This screen is not set up for this office."),
        ["display-setup-title"] = ("Configura la pantalla de la sala d'espera", "Configurar la pantalla de la sala de espera", "Set up the waiting-room screen"),
        ["display-setup-intro"] = ("Escriu la credencial que es va mostrar en donar d'alta la pantalla (un dispositiu de tipus «display»). Només cal fer-ho un cop: la pantalla la recorda.",
            "Escribe la credencial que se mostró al dar de alta la pantalla (un dispositivo de tipo «display»). Solo hace falta hacerlo una vez: la pantalla la recuerda.",
            "Type the credential shown when the screen was enrolled (a device of kind \"display\"). This is needed once: the screen remembers it."),
        ["display-credential"] = ("Credencial del dispositiu", "Credencial del dispositivo", "Device credential"),
        ["display-languages"] = ("Idiomes dels avisos", "Idiomas de los avisos", "Languages of the announcements"),
        ["display-setup-submit"] = ("Configura aquesta pantalla", "Configurar esta pantalla", "Set up this screen"),
        ["display-setup-refused"] = ("La credencial no és vàlida, s'ha revocat o no és d'una pantalla.", "La credencial no es válida, se ha revocado o no es de una pantalla.",
            "The credential is not valid, was revoked or is not a display's."),
        ["display-setup-missing"] = ("Escriu la credencial.", "Escribe la credencial.", "Type the credential."),
        ["display-setup-link"] = ("Configura aquesta pantalla", "Configurar esta pantalla", "Set up this screen"),
    };
}
