namespace Omnichannel.StaffConsole.Texts;

public sealed partial class T
{
    /// <summary>The citizen web's choice of the channel for notices, confirmed with a one-time code.</summary>
    private static readonly Dictionary<string, (string Ca, string Es, string En)> WebNoticesWords = new()
    {
        ["web-notices"] = ("On rebre els avisos", "Dónde recibir los avisos", "Where notices reach you"),
        ["web-notices-hint"] = ("Trieu Telegram, WhatsApp, SMS o correu electrònic.", "Elija Telegram, WhatsApp, SMS o correo electrónico.", "Choose Telegram, WhatsApp, text message or e-mail."),
        ["web-notices-lead"] = ("Els avisos de l'Ajuntament (cites, tràmits, incidències) us arriben per on trieu. Primer us enviarem un codi per aquell canal, per saber que és vostre.",
            "Los avisos del Ayuntamiento (citas, trámites, incidencias) le llegan por donde elija. Primero le enviaremos un código por ese canal, para saber que es suyo.",
            "The council's notices (appointments, procedures, incidents) reach you where you choose. First we send you a code on that channel, to know it is yours."),
        ["web-notices-who"] = ("Com us coneixem?", "¿Cómo le conocemos?", "How do we know you?"),
        ["web-notices-who-phone"] = ("Pel meu telèfon", "Por mi teléfono", "By my phone number"),
        ["web-notices-who-email"] = ("Pel meu correu electrònic", "Por mi correo electrónico", "By my e-mail address"),
        ["web-notices-value-phone"] = ("El vostre telèfon", "Su teléfono", "Your phone number"),
        ["web-notices-value-email"] = ("El vostre correu electrònic", "Su correo electrónico", "Your e-mail address"),
        ["web-notices-value-missing"] = ("Escriviu-lo, si us plau.", "Escríbalo, por favor.", "Please type it."),
        ["web-notices-value-wrong"] = ("Reviseu-lo: no sembla correcte.", "Revíselo: no parece correcto.", "Please check it: it does not look right."),
        ["web-notices-channel"] = ("On voleu rebre els avisos?", "¿Dónde quiere recibir los avisos?", "Where do you want notices?"),
        ["web-notices-channel-telegram"] = ("Telegram", "Telegram", "Telegram"),
        ["web-notices-channel-whatsapp"] = ("WhatsApp", "WhatsApp", "WhatsApp"),
        ["web-notices-channel-sms"] = ("SMS al meu telèfon", "SMS a mi teléfono", "Text message to my phone"),
        ["web-notices-channel-email"] = ("Correu electrònic", "Correo electrónico", "E-mail"),
        ["web-notices-chat-hint"] = ("Per Telegram o WhatsApp, abans heu d'haver escrit al xat de l'Ajuntament.", "Por Telegram o WhatsApp, antes debe haber escrito al chat del Ayuntamiento.", "For Telegram or WhatsApp, you must have written to the council's chat first."),
        ["web-notices-send"] = ("Envieu-me el codi", "Envíenme el código", "Send me the code"),
        ["web-notices-sent"] = ("Si les dades són nostres i us podem trobar per aquest canal, us acabem d'enviar un codi de 6 xifres. Caduca d'aquí a {0} minuts.",
            "Si los datos constan y podemos encontrarle por ese canal, le acabamos de enviar un código de 6 cifras. Caduca en {0} minutos.",
            "If we have these details and can reach you on that channel, we have just sent you a 6-digit code. It expires in {0} minutes."),
        ["web-notices-code"] = ("Codi rebut", "Código recibido", "Code received"),
        ["web-notices-code-missing"] = ("Escriviu el codi que us hem enviat.", "Escriba el código que le hemos enviado.", "Type the code we sent you."),
        ["web-notices-code-wrong"] = ("El codi no és correcte o ha caducat. Reviseu-lo o demaneu-ne un de nou.", "El código no es correcto o ha caducado. Revíselo o pida uno nuevo.", "The code is not right or has expired. Check it or ask for a new one."),
        ["web-notices-confirm"] = ("Confirmar", "Confirmar", "Confirm"),
        ["web-notices-again"] = ("Demanar un altre codi", "Pedir otro código", "Ask for another code"),
        ["web-notices-too-many"] = ("Massa intents. Per seguretat, espereu una estona i torneu-ho a provar.", "Demasiados intentos. Por seguridad, espere un rato y vuelva a probar.", "Too many tries. For your security, wait a while and try again."),
        ["web-notices-done"] = ("Fet. Els avisos us arribaran per {0}.", "Hecho. Los avisos le llegarán por {0}.", "Done. Notices will reach you by {0}."),
    };
}
