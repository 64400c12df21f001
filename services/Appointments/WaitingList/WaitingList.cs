using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.WaitingList;

/// <summary>A citizen who found nothing asked to be told when a place for the procedure frees up at the office.</summary>
public sealed record CitizenJoinedWaitingList(Guid CitizenId, [NotPersonal] string ProcedureCode, [NotPersonal] string OfficeId, DateTimeOffset At);

/// <summary>A place freed up (<paramref name="FreedBy"/>: the cancellation or move that freed it) and the first citizen
/// in line was told, on their channel in their language; they leave the line.</summary>
public sealed record WaitingCitizenTold(Guid CitizenId, [NotPersonal] string ProcedureCode, [NotPersonal] string OfficeId, DateTimeOffset StartsAt, [NotPersonal] string FreedBy, [NotPersonal] string Language,
    [NotPersonal] string PreferredChannel, DateTimeOffset At);

/// <summary>One procedure's waiting list at one office: the citizens in the order they asked, and the freed places
/// already told (a place is told once, even when the event that freed it is handled twice).</summary>
public sealed record WaitingListState(IReadOnlyList<Guid> Waiting, IReadOnlySet<string> Told)
{
    public static readonly WaitingListState Initial = new([], new HashSet<string>());

    public static string StreamKey(string procedureCode, string officeId) => $"waiting-list:{procedureCode}:{officeId}";

    public static WaitingListState Evolve(WaitingListState state, object e) => e switch
    {
        CitizenJoinedWaitingList j => state with { Waiting = [.. state.Waiting, j.CitizenId] },
        WaitingCitizenTold t => new WaitingListState([.. state.Waiting.Where(c => c != t.CitizenId)], new HashSet<string>(state.Told) { t.FreedBy }),
        _ => state,
    };
}

public static class WaitingListDecision
{
    /// <summary>Joins the line once: asking again keeps the place one has.</summary>
    public static IReadOnlyList<object> Join(WaitingListState state, Guid citizenId, string procedureCode, string officeId, DateTimeOffset now) =>
        state.Waiting.Contains(citizenId) ? [] : [new CitizenJoinedWaitingList(citizenId, procedureCode, officeId, now)];

    /// <summary>A freed place goes to the first in line, once; nobody waiting, nothing to tell.</summary>
    public static IReadOnlyList<object> Tell(WaitingListState state, Guid first, string procedureCode, string officeId, DateTimeOffset startsAt, string freedBy,
        string language, string preferredChannel, DateTimeOffset now)
    {
        if (state.Told.Contains(freedBy) || state.Waiting.Count == 0) return [];
        if (state.Waiting[0] != first) throw Rejection.Conflict("The line moved meanwhile.");
        return [new WaitingCitizenTold(first, procedureCode, officeId, startsAt, freedBy, language, preferredChannel, now)];
    }
}
