using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Procedures.Catalogue;

/// <summary>What the catalogue says about a procedure: where it can be done, how long it takes, what to bring.</summary>
public sealed record ProcedureDetails(
    string Category,
    LocalizedText Names,
    LocalizedText Guidance,
    IReadOnlyList<string> Channels,
    int AverageAttentionMinutes,
    bool AttachmentsRequired,
    IReadOnlyList<LocalizedText> DocumentsRequired,
    IReadOnlyList<string> Keywords,
    string? EOfficeUrl)
{
    /// <summary>Point 0 is the quick-service counter: only procedures of up to five minutes are served there.</summary>
    public const int Point0MaxMinutes = 5;

    public bool SameAs(ProcedureDetails other) =>
        Category == other.Category && Names == other.Names && Guidance == other.Guidance
        && Channels.SequenceEqual(other.Channels) && AverageAttentionMinutes == other.AverageAttentionMinutes
        && AttachmentsRequired == other.AttachmentsRequired && DocumentsRequired.SequenceEqual(other.DocumentsRequired)
        && Keywords.SequenceEqual(other.Keywords) && EOfficeUrl == other.EOfficeUrl;
}

public sealed record ProcedurePublished([NotPersonal] string Code, [NotPersonal] ProcedureDetails Details, DateTimeOffset At, [NotPersonal] string By);
public sealed record ProcedureRevised([NotPersonal] string Code, [NotPersonal] ProcedureDetails Details, DateTimeOffset At, [NotPersonal] string By);
public sealed record ProcedureWithdrawn([NotPersonal] string Code, [NotPersonal] string Reason, DateTimeOffset At, [NotPersonal] string By);

public enum ProcedureStatus { Unknown, Published, Withdrawn }

/// <summary>A procedure's stream folded: all its decisions need.</summary>
public sealed record Procedure(ProcedureStatus Status, ProcedureDetails? Details)
{
    public static readonly Procedure Initial = new(ProcedureStatus.Unknown, null);

    public static string StreamKey(string code) => $"procedure:{code}";

    public static Procedure Evolve(Procedure state, object @event) => @event switch
    {
        ProcedurePublished e => new(ProcedureStatus.Published, e.Details),
        ProcedureRevised e => state with { Details = e.Details },
        ProcedureWithdrawn => state with { Status = ProcedureStatus.Withdrawn },
        _ => state,
    };

    /// <summary>Rules a procedure's details must follow whatever the command.</summary>
    public static void EnsureCoherent(ProcedureDetails details)
    {
        if (details.Channels.Contains(Contracts.Channels.Point0) && details.AverageAttentionMinutes > ProcedureDetails.Point0MaxMinutes)
            throw Rejection.Invalid("channels",
                $"Point 0 serves procedures of up to {ProcedureDetails.Point0MaxMinutes} minutes; this one takes {details.AverageAttentionMinutes}.");
        if (details.Channels.Contains(Contracts.Channels.Online) && string.IsNullOrWhiteSpace(details.EOfficeUrl))
            throw Rejection.Invalid("eOfficeUrl", "A procedure offered online needs the e-office link where it is done.");
    }
}
