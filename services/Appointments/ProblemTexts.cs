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
        // Endpoint and decision messages a citizen-facing screen can show (ProblemTextsTests reads them from the source).
        ["This callback was already requested."] =
            ("Aquesta trucada ja s'havia demanat.", "Esta llamada ya se había pedido."),
        ["There is no such callback."] =
            ("No hi ha cap trucada com aquesta.", "No hay ninguna llamada como esta."),
        ["This callback is already marked {outcome}."] =
            ("Aquesta trucada ja està marcada com a {outcome}.", "Esta llamada ya está marcada como {outcome}."),
        ["There is no such appointment."] =
            ("No hi ha cap cita com aquesta.", "No hay ninguna cita como esta."),
        ["This appointment is {status} and can no longer be cancelled."] =
            ("Aquesta cita està en estat {status} i ja no es pot anul·lar.", "Esta cita está en estado {status} y ya no se puede anular."),
        ["This appointment has already started and can no longer be cancelled."] =
            ("Aquesta cita ja ha començat i ja no es pot anul·lar.", "Esta cita ya ha empezado y ya no se puede anular."),
        ["This appointment is {status}; only a booked appointment can be checked in."] =
            ("Aquesta cita està en estat {status}; només es pot confirmar l'arribada d'una cita reservada.", "Esta cita está en estado {status}; solo se puede confirmar la llegada de una cita reservada."),
        ["Too early: check-in opens {minutes} minutes before the appointment."] =
            ("És massa d'hora: l'arribada es pot confirmar {minutes} minuts abans de la cita.", "Es demasiado pronto: la llegada se puede confirmar {minutes} minutos antes de la cita."),
        ["Too late: the appointment's time has passed. Please ask at the welcome desk."] =
            ("És massa tard: l'hora de la cita ja ha passat. Pregunteu al taulell d'acollida.", "Es demasiado tarde: la hora de la cita ya ha pasado. Pregunte en el mostrador de acogida."),
        ["This appointment is {status}; only a held slot can be confirmed."] =
            ("Aquesta cita està en estat {status}; només es pot confirmar una hora reservada provisionalment.", "Esta cita está en estado {status}; solo se puede confirmar una hora reservada provisionalmente."),
        ["The hold on this slot has expired: find a slot and hold it again."] =
            ("La reserva provisional d'aquesta hora ha caducat: busqueu una hora i reserveu-la de nou.", "La reserva provisional de esta hora ha caducado: busque una hora y resérvela de nuevo."),
        ["This appointment already exists."] =
            ("Aquesta cita ja existeix.", "Esta cita ya existe."),
        ["This slot has just been taken: choose another time."] =
            ("Aquesta hora s'acaba d'ocupar: trieu-ne una altra.", "Esta hora se acaba de ocupar: elija otra."),
        ["This citizen already has an appointment for '{procedure}' on {at}; cancel or reschedule it instead."] =
            ("Aquest ciutadà ja té una cita per a '{procedure}' el {at}; anul·leu-la o canvieu-la d'hora.", "Este ciudadano ya tiene una cita para '{procedure}' el {at}; anúlela o cámbiela de hora."),
        ["This citizen already has an appointment at that time ({at}, '{procedure}')."] =
            ("Aquest ciutadà ja té una cita a aquesta hora ({at}, '{procedure}').", "Este ciudadano ya tiene una cita a esa hora ({at}, '{procedure}')."),
        ["The link has no expiry: use the whole link you were given."] =
            ("L'enllaç no té caducitat: feu servir l'enllaç sencer que us van donar.", "El enlace no tiene caducidad: use el enlace entero que le dieron."),
        ["The link's signature does not match it: it was changed or cut. Use the whole link you were given."] =
            ("La signatura de l'enllaç no hi correspon: s'ha canviat o tallat. Feu servir l'enllaç sencer que us van donar.", "La firma del enlace no corresponde: se ha cambiado o cortado. Use el enlace entero que le dieron."),
        ["Ask for the appointment's calendar again where you booked it."] =
            ("Torneu a demanar el calendari de la cita allà on la vau reservar.", "Vuelva a pedir el calendario de la cita donde la reservó."),
        ["The language must be ca, es or en."] =
            ("La llengua ha de ser ca, es o en.", "La lengua debe ser ca, es o en."),
        ["No appointment has this code."] =
            ("Cap cita no té aquest codi.", "Ninguna cita tiene este código."),
        ["There is no such office."] =
            ("No hi ha cap oficina com aquesta.", "No hay ninguna oficina como esta."),
        ["This appointment is {status}; only a booked appointment can be rescheduled."] =
            ("Aquesta cita està en estat {status}; només es pot canviar d'hora una cita reservada.", "Esta cita está en estado {status}; solo se puede cambiar de hora una cita reservada."),
        ["That slot has just been taken: your appointment stays where it was."] =
            ("Aquesta hora s'acaba d'ocupar: la vostra cita es queda on era.", "Esa hora se acaba de ocupar: su cita se queda donde estaba."),
        ["The range ends before it starts."] =
            ("L'interval acaba abans de començar.", "El intervalo termina antes de empezar."),
        ["Ask for at most {days} days at a time."] =
            ("Demaneu com a màxim {days} dies alhora.", "Pida como máximo {days} días a la vez."),
        ["There is no office '{office}'."] =
            ("No hi ha cap oficina '{office}'.", "No hay ninguna oficina '{office}'."),
        ["Office '{office}' does not give appointments for '{procedure}'."] =
            ("L'oficina '{office}' no dona cita per a '{procedure}'.", "La oficina '{office}' no da cita para '{procedure}'."),
        ["{at} is not the start of a slot: the office opens {hours} that day, in slots of {minutes} minutes."] =
            ("{at} no és l'inici de cap franja: l'oficina obre {hours} aquell dia, en franges de {minutes} minuts.", "{at} no es el inicio de ninguna franja: la oficina abre {hours} ese día, en franjas de {minutes} minutos."),
        ["The line moved meanwhile."] =
            ("Mentrestant la cua ha avançat.", "Mientras tanto la cola ha avanzado."),
        ["Wait at most {seconds} seconds."] =
            ("Espereu com a màxim {seconds} segons.", "Espere como máximo {seconds} segundos."),
        ["This place in the waiting room no longer exists."] =
            ("Aquest lloc a la sala d'espera ja no existeix.", "Este lugar en la sala de espera ya no existe."),
    };
}
