using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>How case events read in a citizen's history, in each language.</summary>
public static class CaseTexts
{
    public static LocalizedText Submitted(LocalizedText procedure, string code) => new(
        $"Has presentat «{procedure.Ca}» (codi de seguiment {code}).",
        $"Has presentado «{procedure.Es}» (código de seguimiento {code}).",
        $"You submitted “{procedure.En}” (tracking code {code}).");

    public static LocalizedText StatusChanged(LocalizedText procedure, string status, string? note)
    {
        var (ca, es, en) = status switch
        {
            "InReview" => ("està en revisió", "está en revisión", "is under review"),
            "AwaitingCitizen" => ("espera que hi aportis alguna cosa", "espera que aportes algo", "is waiting for something from you"),
            "Resolved" => ("s'ha resolt", "se ha resuelto", "has been resolved"),
            "Rejected" => ("s'ha desestimat", "se ha desestimado", "has been rejected"),
            _ => ($"ha canviat a {status}", $"ha cambiado a {status}", $"changed to {status}"),
        };
        var suffix = string.IsNullOrWhiteSpace(note) ? "" : $" — {note}";
        return new($"«{procedure.Ca}» {ca}{suffix}", $"«{procedure.Es}» {es}{suffix}", $"“{procedure.En}” {en}{suffix}");
    }

    public static LocalizedText NotificationIssued(LocalizedText procedure, string code) => new(
        $"L'Ajuntament t'ha posat a disposició una notificació de «{procedure.Ca}» ({code}): la pots llegir en un punt d'autoservei.",
        $"El Ayuntamiento ha puesto a tu disposición una notificación de «{procedure.Es}» ({code}): puedes leerla en un punto de autoservicio.",
        $"The council has a notification for you about “{procedure.En}” ({code}): you can read it at a self-service kiosk.");

    /// <summary>The first access, the notification's delivery, with where it happened.</summary>
    public static LocalizedText NotificationAccessed(LocalizedText procedure, string? channel)
    {
        var (ca, es, en) = channel switch
        {
            Omnichannel.Contracts.Channels.Kiosk => (" en un punt d'autoservei", " en un punto de autoservicio", " at a self-service kiosk"),
            Omnichannel.Contracts.Channels.Online => (" al web", " en la web", " on the web"),
            Omnichannel.Contracts.Channels.OnSite => (" a l'oficina", " en la oficina", " at the office"),
            _ => ("", "", ""),
        };
        return new($"Has accedit{ca} a la notificació de «{procedure.Ca}»: consta com a rebuda.",
            $"Has accedido{es} a la notificación de «{procedure.Es}»: consta como recibida.",
            $"You opened{en} the notification about “{procedure.En}”: it counts as delivered.");
    }
}
