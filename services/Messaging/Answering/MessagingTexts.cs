using System.Globalization;
using Omnichannel.Contracts;

namespace Omnichannel.Messaging.Answering;

/// <summary>What the service says to citizens, in Catalan, Spanish and English.</summary>
public static class MessagingTexts
{
    public static readonly LocalizedText KeywordListTitle = new(
        "Paraules clau (funcionen 24 hores):", "Palabras clave (funcionan 24 horas):", "Keywords (they work 24 hours a day):");

    public static readonly LocalizedText WithCode = new("+ el teu codi", "+ tu código", "+ your code");

    public static readonly LocalizedText Unanswered = new(
        "No tenim cap resposta automàtica per a aquest missatge. Envia PARAULES CLAU per veure què et podem respondre a qualsevol hora.",
        "No tenemos ninguna respuesta automática para este mensaje. Envía PALABRAS CLAVE para ver qué te podemos responder a cualquier hora.",
        "We have no automatic answer for this message. Send KEYWORDS to see what we can answer at any time.");

    public static readonly LocalizedText CodeNotFound = new(
        "No trobem res amb aquest codi per a tu. Revisa'l i torna-ho a provar.",
        "No encontramos nada con este código para ti. Revísalo y vuelve a probar.",
        "We find nothing with this code for you. Please check it and try again.");

    public static readonly LocalizedText CodeTypo = new(
        "Aquest codi té un error de tecleig. Revisa'l i torna'l a enviar.",
        "Este código tiene un error de tecleo. Revísalo y vuelve a enviarlo.",
        "This code has a typo. Please check it and send it again.");

    public static readonly LocalizedText LookupUnavailable = new(
        "Ara mateix no podem consultar-ho. Torna-ho a provar d'aquí a uns minuts.",
        "Ahora mismo no podemos consultarlo. Vuelve a probar en unos minutos.",
        "We cannot check this right now. Please try again in a few minutes.");

    public static string Appointment(string language, string code, string status, DateTimeOffset startsAt, string officeId)
    {
        var when = Local(startsAt).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        var state = AppointmentStatus(status).In(language);
        return language switch
        {
            "es" => $"Cita {code}: {state}. {when} h, oficina {officeId}.",
            "en" => $"Appointment {code}: {state}. {when}, office {officeId}.",
            _ => $"Cita {code}: {state}. {when} h, oficina {officeId}.",
        };
    }

    public static string Case(string language, string code, string status, LocalizedText? procedureName, string procedureCode, DateTimeOffset updatedAt)
    {
        var name = procedureName?.In(language) is { Length: > 0 } n ? n : procedureCode;
        var since = Local(updatedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var state = CaseStatus(status).In(language);
        return language switch
        {
            "es" => $"Trámite {code} ({name}): {state} desde el {since}.",
            "en" => $"Case {code} ({name}): {state} since {since}.",
            _ => $"Tràmit {code} ({name}): {state} des del {since}.",
        };
    }

    private static LocalizedText AppointmentStatus(string status) => status switch
    {
        "held" => new("reservada, pendent de confirmar", "reservada, pendiente de confirmar", "held, to be confirmed"),
        "booked" => new("confirmada", "confirmada", "confirmed"),
        "checked-in" => new("has arribat: espera que et cridin", "has llegado: espera a que te llamen", "checked in: wait to be called"),
        "completed" => new("atesa", "atendida", "completed"),
        "cancelled" => new("anul·lada", "anulada", "cancelled"),
        "missed" => new("no et vas presentar", "no te presentaste", "missed"),
        "expired" => new("caducada sense confirmar", "caducada sin confirmar", "expired unconfirmed"),
        _ => new(status, status, status),
    };

    private static LocalizedText CaseStatus(string status) => status switch
    {
        "submitted" => new("rebut", "recibido", "received"),
        "in-review" => new("en tràmit", "en trámite", "in review"),
        "awaiting-citizen" => new("pendent que ens enviïs alguna cosa", "pendiente de que nos envíes algo", "waiting for something from you"),
        "resolved" => new("resolt", "resuelto", "resolved"),
        "rejected" => new("denegat", "denegado", "rejected"),
        _ => new(status, status, status),
    };

    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    private static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Madrid);
}
