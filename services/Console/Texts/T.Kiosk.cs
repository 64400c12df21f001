namespace Omnichannel.StaffConsole.Texts;

public sealed partial class T
{
    /// <summary>A word in a language chosen on the screen (the kiosk's: each citizen picks theirs, and the next one
    /// starts again in the kiosk's own), not the request's.</summary>
    public static string In(string language, string key) =>
        Words.TryGetValue(key, out var w) ? language switch { "es" => w.Es, "en" => w.En, _ => w.Ca } : key;

    private static readonly Dictionary<string, (string Ca, string Es, string En)> KioskWords = new()
    {
        ["kiosk-app"] = ("Punt d'autoservei", "Punto de autoservicio", "Self-service point"),
        ["kiosk-setup-title"] = ("Configuració del punt d'autoservei", "Configuración del punto de autoservicio", "Self-service point set-up"),
        ["kiosk-setup-text"] = ("Només per al personal: escriu la credencial del dispositiu que es va donar en donar d'alta el punt. Es guarda al servidor, mai en aquest navegador.",
            "Solo para el personal: escribe la credencial del dispositivo que se dio al dar de alta el punto. Se guarda en el servidor, nunca en este navegador.",
            "Staff only: type the device credential given when the kiosk was enrolled. It is kept on the server, never in this browser."),
        ["kiosk-credential"] = ("Credencial del dispositiu", "Credencial del dispositivo", "Device credential"),
        ["kiosk-credential-configured"] = ("Deixa-la en blanc per fer servir la de la configuració.", "Déjala en blanco para usar la de la configuración.", "Leave it blank to use the configured one."),
        ["kiosk-setup-save"] = ("Configura aquest punt", "Configurar este punto", "Set up this kiosk"),
        ["kiosk-setup-refused"] = ("El servei de punts d'autoservei no accepta aquesta credencial (desconeguda, revocada o substituïda).",
            "El servicio de puntos de autoservicio no acepta esta credencial (desconocida, revocada o sustituida).",
            "The kiosks service does not accept this credential (unknown, revoked or replaced)."),
        ["kiosk-setup-unreachable"] = ("No es pot arribar a la plataforma. Torna-ho a provar.", "No se puede llegar a la plataforma. Vuelve a intentarlo.", "The platform cannot be reached. Try again."),
        ["kiosk-language"] = ("Idioma", "Idioma", "Language"),
        ["kiosk-contrast"] = ("Alt contrast", "Alto contraste", "High contrast"),
        ["kiosk-touch-to-start"] = ("Toca per començar", "Toca para empezar", "Touch to start"),
        ["kiosk-welcome"] = ("Benvinguda! Què necessites?", "¡Bienvenida! ¿Qué necesitas?", "Welcome! What do you need?"),
        ["kiosk-private"] = ("La teva sessió és privada: quan acabis, o si deixes de fer-la servir, s'esborra tot.",
            "Tu sesión es privada: cuando termines, o si dejas de usarla, se borra todo.",
            "Your session is private: when you finish, or if you stop using it, everything is wiped."),
        ["kiosk-menu"] = ("Tria el teu tràmit per agafar número", "Elige tu trámite para coger número", "Choose your need to take a ticket"),
        ["kiosk-menu-empty"] = ("Ara mateix aquest punt no ofereix tràmits. Demana ajuda al personal.", "Ahora mismo este punto no ofrece trámites. Pide ayuda al personal.", "This kiosk offers nothing right now. Ask staff for help."),
        ["kiosk-ticket-title"] = ("El teu número", "Tu número", "Your ticket"),
        ["kiosk-ticket-number"] = ("Número", "Número", "Number"),
        ["kiosk-ticket-line"] = ("Cua", "Cola", "Line"),
        ["kiosk-ticket-wait"] = ("Espera prevista", "Espera prevista", "Expected wait"),
        ["kiosk-ticket-ahead"] = ("Persones davant", "Personas delante", "People ahead"),
        ["kiosk-minutes"] = ("minuts", "minutos", "minutes"),
        ["kiosk-wait-unknown"] = ("encara no se sap", "aún no se sabe", "not known yet"),
        ["kiosk-ticket-qr"] = ("Codi QR per seguir el teu torn des del mòbil", "Código QR para seguir tu turno desde el móvil", "QR code to follow your turn on your phone"),
        ["kiosk-ticket-scan"] = ("Escaneja'l per seguir el torn al mòbil.", "Escanéalo para seguir el turno en el móvil.", "Scan it to follow your turn on your phone."),
        ["kiosk-print"] = ("Imprimeix el número", "Imprimir el número", "Print the ticket"),
        ["kiosk-another"] = ("Un altre tràmit", "Otro trámite", "Something else"),
        ["kiosk-finish"] = ("He acabat", "He terminado", "I have finished"),
        ["kiosk-help"] = ("Vull ajuda", "Quiero ayuda", "I want help"),
        ["kiosk-help-title"] = ("Ajuda", "Ayuda", "Help"),
        ["kiosk-help-on-site"] = ("Que vingui algú de l'oficina", "Que venga alguien de la oficina", "Someone from the office, here"),
        ["kiosk-help-remote"] = ("Per videotrucada", "Por videollamada", "By video call"),
        ["kiosk-help-waiting"] = ("Hem avisat el personal. Espera aquí, si us plau: vindran de seguida.", "Hemos avisado al personal. Espera aquí, por favor: vendrán enseguida.", "Staff have been told. Please wait here: someone is coming."),
        ["kiosk-help-accepted"] = ("Una persona de l'oficina t'està atenent.", "Una persona de la oficina te está atendiendo.", "A member of staff is with you."),
        ["kiosk-help-room"] = ("Obre la videotrucada", "Abrir la videollamada", "Open the video call"),
        ["kiosk-back"] = ("Torna al menú", "Volver al menú", "Back to the menu"),
        ["kiosk-idle-title"] = ("Encara hi ets?", "¿Sigues ahí?", "Are you still there?"),
        ["kiosk-idle-text"] = ("Si no toques la pantalla, la sessió s'acabarà i s'esborrarà tot en {0} segons.", "Si no tocas la pantalla, la sesión terminará y se borrará todo en {0} segundos.",
            "If you do not touch the screen, the session ends and everything is wiped in {0} seconds."),
        ["kiosk-idle-continue"] = ("Continua", "Continuar", "Continue"),
        ["kiosk-ending"] = ("S'està acabant la sessió i esborrant-ho tot…", "Terminando la sesión y borrándolo todo…", "Ending the session and wiping everything…"),
        ["kiosk-refused-needs-appointment"] = ("Aquest tràmit necessita cita prèvia. Demana-la al web o al telèfon, o prem \"Vull ajuda\".",
            "Este trámite necesita cita previa. Pídela en la web o por teléfono, o pulsa \"Quiero ayuda\".",
            "This need requires an appointment. Book one on the web or by phone, or press \"I want help\"."),
        ["kiosk-refused-wait-too-long"] = ("Ara l'espera és massa llarga per a aquest tràmit. Et recomanem demanar cita.", "Ahora la espera es demasiado larga para este trámite. Te recomendamos pedir cita.",
            "The wait for this need is too long right now. We advise booking an appointment."),
        ["kiosk-refused-office-closed"] = ("L'oficina és tancada ara. Torna en horari d'atenció o demana cita.", "La oficina está cerrada ahora. Vuelve en horario de atención o pide cita.",
            "The office is closed now. Come back during opening hours or book an appointment."),
        ["kiosk-problem"] = ("Alguna cosa no ha anat bé. Torna-ho a provar o prem \"Vull ajuda\".", "Algo no ha ido bien. Vuelve a intentarlo o pulsa \"Quiero ayuda\".",
            "Something went wrong. Try again or press \"I want help\"."),
        ["kiosk-out-of-service"] = ("Aquest punt està fora de servei. Demana ajuda al personal.", "Este punto está fuera de servicio. Pide ayuda al personal.", "This kiosk is out of service. Please ask staff."),
    };
}
