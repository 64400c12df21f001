using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Appointments;

/// <summary>The appointments' problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each
/// new English message; a test names any validator message missing here).</summary>
internal sealed class AppointmentsProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        ["Lower-case letters, digits and hyphens (2 to 60)."] = ("Lletres minúscules, xifres i guionets (de 2 a 60).", "Letras minúsculas, cifras y guiones (de 2 a 60)."),
        ["Use 'done' or 'failed'."] = ("Feu servir 'done' o 'failed'.", "Use 'done' o 'failed'."),
        ["The window's last day must be on or after its first day, at most {days} days in all."] =
            ("L'últim dia del període ha de ser el primer dia o posterior, com a màxim {days} dies en total.", "El último día del periodo debe ser el primero o posterior, como máximo {days} días en total."),
        // What a citizen booking or asking for a call can be told (Slots, Booking, Callbacks).
        ["This time has already passed."] = ("Aquesta hora ja ha passat.", "Esta hora ya ha pasado."),
        ["The time of the call has already passed."] = ("L'hora de la trucada ja ha passat.", "La hora de la llamada ya ha pasado."),
        ["The appointment is already at this time."] = ("La cita ja és a aquesta hora.", "La cita ya es a esta hora."),
        ["Appointments can be booked up to {days} days ahead."] = ("Les cites es poden demanar amb un màxim de {days} dies d'antelació.", "Las citas se pueden pedir con un máximo de {days} días de antelación."),
        ["Appointments must be booked at least {minutes} minutes ahead."] = ("Les cites s'han de demanar amb almenys {minutes} minuts d'antelació.", "Las citas se deben pedir con al menos {minutes} minutos de antelación."),
        ["The office is closed on {day}."] = ("L'oficina és tancada el {day}.", "La oficina está cerrada el {day}."),
        ["The phone service is closed at that time; the next opening is {next}."] =
            ("El servei telefònic és tancat a aquesta hora; torna a obrir el {next}.", "El servicio telefónico está cerrado a esa hora; vuelve a abrir el {next}."),
        ["Say which procedure the appointment is for."] = ("Indiqueu per a quin tràmit és la cita.", "Indique para qué trámite es la cita."),
        ["This citizen has no phone on record: give the number to call."] =
            ("Aquest ciutadà no té cap telèfon registrat: indiqueu el número on cal trucar.", "Este ciudadano no tiene ningún teléfono registrado: indique el número al que llamar."),
        ["A closure cannot be declared for a past date."] = ("No es pot declarar un tancament per a una data passada.", "No se puede declarar un cierre para una fecha pasada."),
    };
}
