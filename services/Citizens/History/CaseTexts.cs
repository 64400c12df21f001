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
}
