namespace Omnichannel.StaffConsole.Texts;

// Staff administration's words (administrators: the council's staff accounts and their audit).
public sealed partial class T
{
    /// <summary>A staff role as administrators read it (the wire value when the console has no word for it).</summary>
    public string StaffRole(string role) => Words.ContainsKey("staffadmin-role-" + role) ? this["staffadmin-role-" + role] : role;

    private static readonly Dictionary<string, (string Ca, string Es, string En)> StaffAdminWords = new()
    {
        ["staffadmin-title"] = ("Personal", "Personal", "Staff"),
        ["staffadmin-new"] = ("Nou compte", "Nueva cuenta", "New account"),
        ["staffadmin-full-name"] = ("Nom i cognoms", "Nombre y apellidos", "Full name"),
        ["staffadmin-user-name"] = ("Nom d'usuari", "Nombre de usuario", "User name"),
        ["staffadmin-user-name-hint"] = ("El que escriurà per entrar, p. ex. mataro.jgarcia (sense espais ni accents).", "Lo que escribirá para entrar, p. ej. mataro.jgarcia (sin espacios ni acentos).", "What they will type to sign in, e.g. mataro.jgarcia (no spaces or accents)."),
        ["staffadmin-email"] = ("Correu electrònic (opcional)", "Correo electrónico (opcional)", "E-mail (optional)"),
        ["staffadmin-role"] = ("Rol", "Rol", "Role"),
        ["staffadmin-create"] = ("Crea el compte", "Crear la cuenta", "Create the account"),
        ["staffadmin-created"] = ("Compte creat:", "Cuenta creada:", "Account created:"),
        ["staffadmin-password-reset"] = ("Contrasenya nova per a", "Contraseña nueva para", "New password for"),
        ["staffadmin-temporary"] = ("Contrasenya temporal", "Contraseña temporal", "Temporary password"),
        ["staffadmin-temporary-once"] = ("Només es mostra ara: doneu-la a la persona per un canal segur. No es desa enlloc en clar, i la primera vegada que entri en triarà una de seva.", "Solo se muestra ahora: entréguela a la persona por un canal seguro. No se guarda en claro en ningún sitio, y la primera vez que entre elegirá una propia.", "Shown only now: give it to the person by a safe channel. It is not kept in clear anywhere, and at their first sign-in they choose their own."),
        ["staffadmin-accounts"] = ("Comptes de l'ajuntament", "Cuentas del ayuntamiento", "The council's accounts"),
        ["staffadmin-none"] = ("Encara no hi ha cap compte.", "Aún no hay ninguna cuenta.", "No accounts yet."),
        ["staffadmin-name"] = ("Persona", "Persona", "Person"),
        ["staffadmin-state"] = ("Estat", "Estado", "State"),
        ["staffadmin-last-sign-in"] = ("Última entrada", "Última entrada", "Last sign-in"),
        ["staffadmin-never"] = ("Mai", "Nunca", "Never"),
        ["staffadmin-active"] = ("Actiu", "Activo", "Active"),
        ["staffadmin-disabled"] = ("Desactivat", "Desactivado", "Disabled"),
        ["staffadmin-locked"] = ("Bloquejat fins a", "Bloqueado hasta", "Locked out until"),
        ["staffadmin-password-due"] = ("Ha de canviar la contrasenya temporal", "Debe cambiar la contraseña temporal", "Must change the temporary password"),
        ["staffadmin-totp-on"] = ("Verificació en dos passos", "Verificación en dos pasos", "Two-step verification"),
        ["staffadmin-change-role"] = ("Canvia el rol", "Cambiar el rol", "Change role"),
        ["staffadmin-role-of"] = ("Rol de", "Rol de", "Role of"),
        ["staffadmin-disable"] = ("Desactiva", "Desactivar", "Disable"),
        ["staffadmin-enable"] = ("Activa", "Activar", "Enable"),
        ["staffadmin-unlock"] = ("Desbloqueja", "Desbloquear", "Unlock"),
        ["staffadmin-reset-password"] = ("Contrasenya nova", "Contraseña nueva", "New password"),
        ["staffadmin-reset-totp"] = ("Treu la verificació", "Quitar la verificación", "Reset two-step"),
        ["staffadmin-done"] = ("Fet:", "Hecho:", "Done:"),
        ["staffadmin-audit"] = ("Registre de canvis", "Registro de cambios", "Change log"),
        ["staffadmin-audit-none"] = ("Encara no hi ha cap canvi.", "Aún no hay ningún cambio.", "No changes yet."),
        ["staffadmin-when"] = ("Quan", "Cuándo", "When"),
        ["staffadmin-by"] = ("Qui", "Quién", "By"),
        ["staffadmin-what"] = ("Què", "Qué", "What"),
        ["staffadmin-account"] = ("Compte", "Cuenta", "Account"),
        ["staffadmin-role-agent"] = ("Agent", "Agente", "Agent"),
        ["staffadmin-role-supervisor"] = ("Supervisor/a", "Supervisor/a", "Supervisor"),
        ["staffadmin-role-back-office"] = ("Back office", "Back office", "Back office"),
        ["staffadmin-role-administrator"] = ("Administrador/a", "Administrador/a", "Administrator"),
        ["staffadmin-role-data-protection-officer"] = ("Delegat/da de protecció de dades", "Delegado/a de protección de datos", "Data-protection officer"),
        ["staffadmin-action-account-created"] = ("Compte creat", "Cuenta creada", "Account created"),
        ["staffadmin-action-role-changed"] = ("Rol canviat", "Rol cambiado", "Role changed"),
        ["staffadmin-action-account-disabled"] = ("Compte desactivat", "Cuenta desactivada", "Account disabled"),
        ["staffadmin-action-account-enabled"] = ("Compte activat", "Cuenta activada", "Account enabled"),
        ["staffadmin-action-account-unlocked"] = ("Compte desbloquejat", "Cuenta desbloqueada", "Account unlocked"),
        ["staffadmin-action-password-reset"] = ("Contrasenya nova", "Contraseña nueva", "Password reset"),
        ["staffadmin-action-authenticator-reset"] = ("Verificació en dos passos treta", "Verificación en dos pasos quitada", "Two-step verification reset"),
    };
}
