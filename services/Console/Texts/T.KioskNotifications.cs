namespace Omnichannel.StaffConsole.Texts;

public sealed partial class T
{
    // "My notifications" at the kiosk: the council's official notifications of the identified citizen's cases.
    private static readonly Dictionary<string, (string Ca, string Es, string En)> KioskNotificationWords = new()
    {
        ["kiosk-notif-menu"] = ("Les meves notificacions", "Mis notificaciones", "My notifications"),
        ["kiosk-notif-title"] = ("Les teves notificacions", "Tus notificaciones", "Your notifications"),
        ["kiosk-notif-legal"] = ("Quan obres una notificació, consta que l'has rebuda en aquest moment (Llei 39/2015).",
            "Cuando abres una notificación, consta que la has recibido en ese momento (Ley 39/2015).",
            "When you open a notification, it counts as received at that moment (Spanish Law 39/2015)."),
        ["kiosk-notif-none"] = ("No tens cap notificació de l'Ajuntament.", "No tienes ninguna notificación del Ayuntamiento.", "You have no notifications from the council."),
        ["kiosk-notif-unread"] = ("Sense llegir", "Sin leer", "Not read yet"),
        ["kiosk-notif-read"] = ("Llegida", "Leída", "Read"),
        ["kiosk-notif-issued"] = ("Data de la notificació", "Fecha de la notificación", "Date of the notification"),
        ["kiosk-notif-accessed"] = ("Rebuda (primer accés)", "Recibida (primer acceso)", "Received (first opened)"),
        ["kiosk-notif-case"] = ("Tràmit", "Trámite", "Case"),
        ["kiosk-notif-print"] = ("Imprimeix la notificació", "Imprimir la notificación", "Print the notification"),
        ["kiosk-notif-back-list"] = ("Torna a les notificacions", "Volver a las notificaciones", "Back to the notifications"),
        ["kiosk-notif-heading"] = ("Notificació de l'Ajuntament", "Notificación del Ayuntamiento", "Notification from the council"),
        ["kiosk-notif-gone"] = ("Aquesta notificació ja no hi és. Prem \"Vull ajuda\".", "Esta notificación ya no está. Pulsa \"Quiero ayuda\".",
            "This notification is no longer there. Press \"I want help\"."),
    };
}
