using System.Globalization;

namespace Omnichannel.Messaging.Notices;

/// <summary>What notices say, in Catalan (the default), Spanish and English; times in the councils' time zone.</summary>
public static class NoticeTexts
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    private static (string Day, string Time) Local(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Madrid);
        return (local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Pick(string language, string ca, string es, string en) => language switch { "es" => es, "en" => en, _ => ca };

    public static string Reminder(string language, string code, DateTimeOffset startsAt, string officeAddress)
    {
        var (day, time) = Local(startsAt);
        return Pick(language,
            $"Recordatori: tens cita el {day} a les {time} h a {officeAddress} (codi {code}). Si no pots venir, anul·la-la perquè una altra persona la pugui aprofitar.",
            $"Recordatorio: tienes cita el {day} a las {time} h en {officeAddress} (código {code}). Si no puedes venir, anúlala para que otra persona pueda aprovecharla.",
            $"Reminder: you have an appointment on {day} at {time} at {officeAddress} (code {code}). If you cannot come, please cancel it so someone else can have it.");
    }

    public static NoticeText ReminderNotice(string language, string code, DateTimeOffset startsAt, string officeAddress) =>
        new(Pick(language, "Recordatori de cita", "Recordatorio de cita", "Appointment reminder"), Reminder(language, code, startsAt, officeAddress));

    public static NoticeText MovedByClosure(string language, string code, DateOnly closedOn, string reason, DateTimeOffset startsAt, string officeAddress)
    {
        var (day, time) = Local(startsAt);
        var closed = Date(closedOn);
        return new(Pick(language, "Hem mogut la teva cita", "Hemos movido tu cita", "Your appointment was moved"), Pick(language,
            $"L'oficina tanca el {closed} ({reason}): hem mogut la teva cita {code} al {day} a les {time} h a {officeAddress}. Si no et va bé, canvia-la o anul·la-la.",
            $"La oficina cierra el {closed} ({reason}): hemos movido tu cita {code} al {day} a las {time} h en {officeAddress}. Si no te va bien, cámbiala o anúlala.",
            $"The office is closed on {closed} ({reason}): we moved your appointment {code} to {day} at {time} at {officeAddress}. If that does not suit you, change or cancel it."));
    }

    public static NoticeText PlaceFreed(string language, string procedure, DateTimeOffset startsAt)
    {
        var (day, time) = Local(startsAt);
        return new(Pick(language, "S'ha alliberat una plaça", "Se ha liberado una plaza", "A place is free"), Pick(language,
            $"S'ha alliberat una hora per al tràmit «{procedure}»: el {day} a les {time} h. Ets a la llista d'espera: reserva-la aviat, la primera persona que la demani se la queda.",
            $"Se ha liberado una hora para el trámite «{procedure}»: el {day} a las {time} h. Estás en la lista de espera: resérvala pronto, la primera persona que la pida se la queda.",
            $"A time for \"{procedure}\" is free: {day} at {time}. You are on the waiting list: book it soon, the first to ask gets it."));
    }

    public static NoticeText CancelledByClosure(string language, string code, DateOnly closedOn, string reason)
    {
        var closed = Date(closedOn);
        return new(Pick(language, "Hem anul·lat la teva cita", "Hemos anulado tu cita", "Your appointment was cancelled"), Pick(language,
            $"L'oficina tanca el {closed} ({reason}) i no quedava cap altra hora lliure: hem anul·lat la teva cita {code}. Et demanem disculpes; pots demanar una cita nova (envia CITA).",
            $"La oficina cierra el {closed} ({reason}) y no quedaba ninguna otra hora libre: hemos anulado tu cita {code}. Te pedimos disculpas; puedes pedir una cita nueva (envía CITA).",
            $"The office is closed on {closed} ({reason}) and no other time was free: we cancelled your appointment {code}. We apologise; you can book a new one (send APPOINTMENT)."));
    }

    public static NoticeText YouAreNext(string language, string number) => new(
        Pick(language, "Ets el següent", "Eres el siguiente", "You are next"), Pick(language,
            $"Ets el següent: el número {number} serà el proper a ser cridat. Apropa't al taulell quan el vegis a la pantalla.",
            $"Eres el siguiente: el número {number} será el próximo en ser llamado. Acércate al mostrador cuando lo veas en la pantalla.",
            $"You are next: number {number} will be called next. Please come to the desk when you see it on the screen."));

    /// <summary>What an incident's step tells the citizen; null for the steps that are the council's own business.</summary>
    public static NoticeText? IncidentStep(string language, string code, string step, string? message)
    {
        var said = string.IsNullOrWhiteSpace(message) ? "" : $": {message.Trim()}";
        return step switch
        {
            "answered" => new(Pick(language, $"Resposta a la incidència {code}", $"Respuesta a la incidencia {code}", $"Answer to incident {code}"), Pick(language,
                $"Resposta a la teva incidència {code}{said}", $"Respuesta a tu incidencia {code}{said}", $"Answer to your incident {code}{said}")),
            "information-requested" => new(Pick(language, $"Incidència {code}: necessitem informació", $"Incidencia {code}: necesitamos información", $"Incident {code}: we need information"), Pick(language,
                $"Necessitem més informació sobre la teva incidència {code}{said}", $"Necesitamos más información sobre tu incidencia {code}{said}", $"We need more information about your incident {code}{said}")),
            "resolved" => new(Pick(language, $"Incidència {code} resolta", $"Incidencia {code} resuelta", $"Incident {code} resolved"), Pick(language,
                $"La teva incidència {code} s'ha resolt{said}", $"Tu incidencia {code} se ha resuelto{said}", $"Your incident {code} has been resolved{said}")),
            _ => null,
        };
    }

    /// <summary>A case's new status; null for "Submitted" (the citizen has just done it).</summary>
    public static NoticeText? CaseStatus(string language, string trackingCode, string status)
    {
        var label = status switch
        {
            "InReview" => Pick(language, "en revisió: algú de l'Ajuntament hi està treballant", "en revisión: alguien del Ayuntamiento está trabajando en él", "in review: someone at the council is working on it"),
            "AwaitingCitizen" => Pick(language, "pendent de tu: et cal aportar alguna cosa (mira la seu electrònica)", "pendiente de ti: tienes que aportar algo (mira la sede electrónica)", "waiting for you: you need to provide something (see the council's e-office)"),
            "Resolved" => Pick(language, "resolt", "resuelto", "resolved"),
            "Rejected" => Pick(language, "desestimat (a la seu electrònica en trobaràs el motiu)", "desestimado (en la sede electrónica encontrarás el motivo)", "rejected (the council's e-office says why)"),
            _ => null,
        };
        return label is null ? null : new(
            Pick(language, $"El teu tràmit {trackingCode}", $"Tu trámite {trackingCode}", $"Your case {trackingCode}"),
            Pick(language, $"El teu tràmit {trackingCode} ara és {label}.", $"Tu trámite {trackingCode} ahora está {label}.", $"Your case {trackingCode} is now {label}."));
    }

    /// <summary>"You have a notification": never its text, which is read where the citizen's access is recorded.</summary>
    public static NoticeText NotificationIssued(string language, string trackingCode) => new(
        Pick(language, "Tens una notificació de l'Ajuntament", "Tienes una notificación del Ayuntamiento", "You have a notification from the council"),
        Pick(language,
            $"Tens una notificació de l'Ajuntament sobre el teu tràmit {trackingCode}. Llegeix-la en un punt d'autoservei de l'Ajuntament (amb el DNI o NIE) o a l'oficina d'atenció.",
            $"Tienes una notificación del Ayuntamiento sobre tu trámite {trackingCode}. Léela en un punto de autoservicio del Ayuntamiento (con el DNI o NIE) o en la oficina de atención.",
            $"You have a notification from the council about your case {trackingCode}. Read it at one of the council's self-service kiosks (with your DNI or NIE) or at the council's office."));
}
