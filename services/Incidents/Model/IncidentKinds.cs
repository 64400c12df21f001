using Omnichannel.Contracts;

namespace Omnichannel.Incidents.Model;

/// <summary>What a citizen reports, as it appears on the wire.</summary>
public static class IncidentKinds
{
    /// <summary>Level 1: where do I find a procedure, how do I do it.</summary>
    public const string L1Question = "l1-question";

    /// <summary>Level 2: a problem while doing a procedure at the e-office (linked to the procedure, and to the case when given).</summary>
    public const string L2OnlineProcedure = "l2-online-procedure";

    public const string Complaint = "complaint";
    public const string Suggestion = "suggestion";

    /// <summary>A technological incidence of the council's own (the e-office is down, a form fails).</summary>
    public const string TechnicalIncident = "technical-incident";

    public static readonly IReadOnlyList<string> All = [L1Question, L2OnlineProcedure, Complaint, Suggestion, TechnicalIncident];

    /// <summary>Only these may be reported without saying who reports them.</summary>
    public static bool MayBeAnonymous(string kind) => kind is Complaint or Suggestion;

    /// <summary>How the kind reads to a citizen.</summary>
    public static LocalizedText Name(string kind) => kind switch
    {
        L1Question => new("consulta", "consulta", "question"),
        L2OnlineProcedure => new("incidència amb un tràmit en línia", "incidencia con un trámite en línea", "problem with an online procedure"),
        Complaint => new("queixa", "queja", "complaint"),
        Suggestion => new("suggeriment", "sugerencia", "suggestion"),
        TechnicalIncident => new("incidència tècnica", "incidencia técnica", "technical incident"),
        _ => new(kind, kind, kind),
    };
}

/// <summary>Triage priorities, lowest first.</summary>
public static class IncidentPriorities
{
    public static readonly IReadOnlyList<string> All = ["low", "normal", "high", "urgent"];
}
