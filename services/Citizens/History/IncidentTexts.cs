using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>How incident events read in a citizen's history, in each language. The steps say "your request" whatever the
/// kind: a question, a complaint and a suggestion take the same steps.</summary>
public static class IncidentTexts
{
    public static LocalizedText Reported(string kind, LocalizedText? procedure, string code)
    {
        var (ca, es, en) = kind switch
        {
            "l1-question" => ("una consulta", "una consulta", "a question"),
            "l2-online-procedure" when procedure is not null => ($"una incidència amb el tràmit en línia «{procedure.Ca}»",
                $"una incidencia con el trámite en línea «{procedure.Es}»", $"a problem with the online procedure “{procedure.En}”"),
            "l2-online-procedure" => ("una incidència amb un tràmit en línia", "una incidencia con un trámite en línea", "a problem with an online procedure"),
            "complaint" => ("una queixa", "una queja", "a complaint"),
            "suggestion" => ("un suggeriment", "una sugerencia", "a suggestion"),
            "technical-incident" => ("una incidència tècnica", "una incidencia técnica", "a technical incident"),
            _ => ("una sol·licitud", "una solicitud", "a request"),
        };
        return new($"Has enviat {ca} (codi {code}).", $"Has enviado {es} (código {code}).", $"You sent {en} (code {code}).");
    }

    public static LocalizedText Progressed(string step, string code, string? message)
    {
        // A follower did not report it: their lines speak of "the request you follow".
        if (step == "followed")
            return new($"Segueixes la sol·licitud {code}: t'avisarem quan es resolgui.",
                $"Sigues la solicitud {code}: te avisaremos cuando se resuelva.",
                $"You follow request {code}: we will tell you when it is resolved.");
        if (step == "merged")
            return new($"La teva sol·licitud {code} tracta el mateix que la {message}: l'hem unida a aquella i t'avisarem quan es resolgui.",
                $"Tu solicitud {code} trata lo mismo que la {message}: la hemos unido a aquella y te avisaremos cuando se resuelva.",
                $"Your request {code} is about the same as {message}: we merged it into that one and will tell you when it is resolved.");
        if (step == "followed-resolved")
        {
            var said = string.IsNullOrWhiteSpace(message) ? "" : $" — {message}";
            return new($"La sol·licitud {code} que segueixes s'ha resolt{said}", $"La solicitud {code} que sigues se ha resuelto{said}",
                $"The request {code} you follow has been resolved{said}");
        }
        if (step == "information-provided")
            return new($"Has enviat la informació demanada per a la teva sol·licitud {code}.",
                $"Has enviado la información pedida para tu solicitud {code}.",
                $"You sent the information asked for on your request {code}.");
        var (ca, es, en) = step switch
        {
            "triaged" => ("s'ha revisat i classificat", "se ha revisado y clasificado", "has been reviewed and classified"),
            "assigned" => ("s'ha assignat a l'equip que se n'ocupa", "se ha asignado al equipo que se encarga", "has been assigned to the team handling it"),
            "information-requested" => ("necessita informació teva", "necesita información tuya", "needs information from you"),
            "answered" => ("ha rebut resposta", "ha recibido respuesta", "has been answered"),
            "escalated" => ("s'ha passat a l'equip especialitzat", "se ha pasado al equipo especializado", "has been passed to the specialist team"),
            "resolved" => ("s'ha resolt", "se ha resuelto", "has been resolved"),
            "reopened" => ("s'ha reobert", "se ha reabierto", "has been reopened"),
            "closed" => ("s'ha tancat", "se ha cerrado", "has been closed"),
            _ => ($"ha canviat ({step})", $"ha cambiado ({step})", $"changed ({step})"),
        };
        var suffix = string.IsNullOrWhiteSpace(message) ? "" : $" — {message}";
        return new($"La teva sol·licitud {code} {ca}{suffix}", $"Tu solicitud {code} {es}{suffix}", $"Your request {code} {en}{suffix}");
    }

    public static LocalizedText Rated(string code, int rating) =>
        new($"Has valorat l'atenció de la teva sol·licitud {code} amb un {rating} sobre 5. Gràcies!",
            $"Has valorado la atención de tu solicitud {code} con un {rating} sobre 5. ¡Gracias!",
            $"You rated the handling of your request {code} {rating} out of 5. Thank you!");
}
