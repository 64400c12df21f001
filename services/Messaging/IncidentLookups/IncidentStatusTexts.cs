using System.Globalization;
using Omnichannel.Contracts;

namespace Omnichannel.Messaging.IncidentLookups;

/// <summary>An incident's status as a citizen reads it in the chat (keyword + N code), in Catalan, Spanish and English.
/// Only what the incidents service shows anyone holding the code: kind, status, last change.</summary>
public static class IncidentStatusTexts
{
    public static string Status(string language, string code, string kind, string status, DateTimeOffset updatedAt)
    {
        var since = TimeZoneInfo.ConvertTime(updatedAt, Madrid).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var what = Kind(kind).In(language);
        var state = State(status).In(language);
        return language switch
        {
            "es" => $"Incidencia {code} ({what}): {state} desde el {since}.",
            "en" => $"Incident {code} ({what}): {state} since {since}.",
            _ => $"Incidència {code} ({what}): {state} des del {since}.",
        };
    }

    private static LocalizedText Kind(string kind) => kind switch
    {
        "l1-question" => new("consulta", "consulta", "question"),
        "l2-online-procedure" => new("problema amb un tràmit en línia", "problema con un trámite en línea", "problem with an online procedure"),
        "complaint" => new("queixa", "queja", "complaint"),
        "suggestion" => new("suggeriment", "sugerencia", "suggestion"),
        "technical-incident" => new("incidència tècnica", "incidencia técnica", "technical incident"),
        _ => new(kind, kind, kind),
    };

    private static LocalizedText State(string status) => status switch
    {
        "new" => new("rebuda", "recibida", "received"),
        "in-progress" => new("en curs", "en curso", "in progress"),
        "awaiting-citizen" => new("pendent que ens donis informació", "pendiente de que nos des información", "waiting for information from you"),
        "answered" => new("contestada", "contestada", "answered"),
        "escalated" => new("en mans del servei responsable", "en manos del servicio responsable", "with the department in charge"),
        "resolved" => new("resolta", "resuelta", "resolved"),
        "closed" => new("tancada", "cerrada", "closed"),
        _ => new(status, status, status),
    };

    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
}
