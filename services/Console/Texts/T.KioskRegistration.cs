using Omnichannel.Contracts;

namespace Omnichannel.StaffConsole.Texts;

public sealed partial class T
{
    // Registering at the kiosk a person the council does not know yet: only what is needed, and their consent said plainly.
    private static readonly Dictionary<string, (string Ca, string Es, string En)> KioskRegistrationWords = new()
    {
        ["kiosk-register-title"] = ("Encara no et tenim registrat", "Todavía no te tenemos registrado", "You are not registered with us yet"),
        ["kiosk-register-lead"] = ("Et podem registrar ara mateix per continuar. Només cal el teu nom i el DNI o NIE.",
            "Te podemos registrar ahora mismo para continuar. Solo hace falta tu nombre y el DNI o NIE.",
            "We can register you now so you can go on. We only need your name and your DNI or NIE."),
        ["kiosk-register-name"] = ("Nom i cognoms", "Nombre y apellidos", "First name and surname"),
        ["kiosk-register-contact-hint"] = ("Si vols, deixa'ns un telèfon o un correu electrònic i t'avisarem de les teves cites. No és obligatori.",
            "Si quieres, déjanos un teléfono o un correo electrónico y te avisaremos de tus citas. No es obligatorio.",
            "If you like, give us a phone number or an e-mail address and we will remind you of your appointments. You do not have to."),
        ["kiosk-register-phone"] = ("Telèfon mòbil (si vols)", "Teléfono móvil (si quieres)", "Mobile phone (optional)"),
        ["kiosk-register-email"] = ("Correu electrònic (si vols)", "Correo electrónico (si quieres)", "E-mail (optional)"),
        // The words are the consent text's (contracts/ConsentTexts.cs), whose version the kiosk sends with the registration.
        ["kiosk-register-consent"] = (ConsentTexts.InPersonRegistration.Text.Ca, ConsentTexts.InPersonRegistration.Text.Es, ConsentTexts.InPersonRegistration.Text.En),
        ["kiosk-register-button"] = ("Registra'm i continua", "Registrarme y continuar", "Register me and continue"),
        ["kiosk-register-cancel"] = ("No, torna enrere", "No, volver atrás", "No, go back"),
        ["kiosk-register-name-missing"] = ("Escriu el teu nom i cognoms.", "Escribe tu nombre y apellidos.", "Write your first name and surname."),
        ["kiosk-register-phone-wrong"] = ("No podem fer servir aquest telèfon. Revisa'l o deixa'l en blanc; al taulell t'hi poden ajudar.",
            "No podemos usar este teléfono. Revísalo o déjalo en blanco; en el mostrador te pueden ayudar.",
            "We cannot use this phone number. Check it or leave it empty; staff at the desk can help."),
        ["kiosk-register-email-wrong"] = ("No podem fer servir aquest correu. Revisa'l o deixa'l en blanc; al taulell t'hi poden ajudar.",
            "No podemos usar este correo. Revísalo o déjalo en blanco; en el mostrador te pueden ayudar.",
            "We cannot use this e-mail address. Check it or leave it empty; staff at the desk can help."),
        ["kiosk-register-consent-missing"] = ("Per registrar-te cal que hi estiguis d'acord: marca la casella. Si no ho vols, prem \"No, torna enrere\".",
            "Para registrarte hace falta que estés de acuerdo: marca la casilla. Si no quieres, pulsa \"No, volver atrás\".",
            "To register you need to agree: tick the box. If you would rather not, press \"No, go back\"."),
        ["kiosk-register-taken"] = ("Aquest DNI o NIE ja està registrat. Prem \"No, torna enrere\" i continua amb ell.",
            "Este DNI o NIE ya está registrado. Pulsa \"No, volver atrás\" y continúa con él.",
            "This DNI or NIE is already registered. Press \"No, go back\" and continue with it."),
    };
}
