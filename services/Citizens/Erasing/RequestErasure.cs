using Marten;
using MassTransit;
using Npgsql;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Citizens.Identities;
using Omnichannel.Contracts;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Citizens.Erasing;

/// <summary>Staff recorded a citizen's erasure request (GDPR Art. 17); <paramref name="Services"/> are those expected to
/// confirm (every queue <see cref="Subscriptions"/> lists for the request).
/// <paramref name="IdentityDigests"/> (<see cref="IdentityDigest"/>) let services find records never linked to the citizen;
/// personal (a digest of a phone can be guessed), so the citizens service's own erasure masks them once published.</summary>
public sealed record ErasureRequested(Guid CitizenId, Guid RequestId, [NotPersonal] IReadOnlyList<string> Services, [NotPersonal] string By, DateTimeOffset At,
    [Personal] IReadOnlyList<string>? IdentityDigests = null);

/// <summary>One service confirmed it erased the citizen's data, and what it keeps by law.</summary>
public sealed record ErasureConfirmed(Guid CitizenId, Guid RequestId, [NotPersonal] string Service, int EventsMasked,
    [NotPersonal] IReadOnlyList<string> KeptByLaw, DateTimeOffset At);

public sealed record ServiceConfirmation(string Service, DateTimeOffset ConfirmedAt, int EventsMasked, IReadOnlyList<string> KeptByLaw);

/// <summary>An erasure request as staff follow it: which services confirmed and when, which are still to.</summary>
public sealed record ErasureState(Guid? RequestId, DateTimeOffset? RequestedAt, string? RequestedBy, IReadOnlyList<string> Expected,
    IReadOnlyList<ServiceConfirmation> Confirmed)
{
    public static readonly ErasureState Initial = new(null, null, null, [], []);

    public static string StreamKey(Guid citizenId) => $"erasure-request:{citizenId:N}";

    /// <summary>The services that erase a citizen's data: those whose queues consume the request.</summary>
    public static IReadOnlyList<string> ErasingServices =>
        Subscriptions.All.Where(s => s.Event == typeof(V1.CitizenErasureRequested)).Select(s => s.Queue[..s.Queue.IndexOf('-')]).Distinct().Order().ToList();

    public static ErasureState Evolve(ErasureState state, object @event) => @event switch
    {
        ErasureRequested e => new(e.RequestId, e.At, e.By, e.Services, []),
        ErasureConfirmed e when e.RequestId == state.RequestId && state.Confirmed.All(c => c.Service != e.Service) =>
            state with { Confirmed = [.. state.Confirmed, new ServiceConfirmation(e.Service, e.At, e.EventsMasked, e.KeptByLaw)] },
        _ => state,
    };
}

public static class ErasureDecision
{
    /// <summary>One request per citizen: asking again while it is recorded answers 409 (the services are on it).</summary>
    public static IReadOnlyList<object> Request(Guid citizenId, Guid requestId, string by, DateTimeOffset now, bool citizenExists, ErasureState state,
        IReadOnlyList<string>? identityDigests = null)
    {
        if (!citizenExists) throw Rejection.NotFound("There is no such citizen.");
        if (state.RequestId is not null) throw Rejection.Conflict("This citizen's erasure is already requested.");
        return [new ErasureRequested(citizenId, requestId, ErasureState.ErasingServices, by, now, identityDigests)];
    }

    /// <summary>A confirmation counts once per service; a redelivered one adds nothing.</summary>
    public static IReadOnlyList<object> Confirm(V1.CitizenDataErased confirmed, ErasureState state) =>
        state.RequestId != confirmed.RequestId || state.Confirmed.Any(c => c.Service == confirmed.Service)
            ? []
            : [new ErasureConfirmed(confirmed.CitizenId!.Value, confirmed.RequestId, confirmed.Service, confirmed.EventsMasked, confirmed.KeptByLaw, confirmed.OccurredAt)];
}

/// <summary>What the request's answer shows.</summary>
public sealed record ErasureRequestView(Guid RequestId, DateTimeOffset RequestedAt, string RequestedBy, bool Complete,
    IReadOnlyList<ServiceConfirmation> Confirmed, IReadOnlyList<string> Pending, IReadOnlyList<string> KeptByLaw);

public static class ErasureEndpoints
{
    public static async Task<IResult> Request(Guid citizenId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var citizen = await session.Events.FetchStreamStateAsync(CitizenState.StreamKey(citizenId), ct);
        var requestId = Guid.NewGuid();
        // The identities as the directory keys them (kind:value), digested: a service finds a chat never linked to them.
        var digests = await IdentityIndexEntry.DigestsOfAsync(session, citizenId, ct);
        var decided = await session.DecideAndAppendAsync(ErasureState.StreamKey(citizenId), ErasureState.Initial, ErasureState.Evolve,
            state => ErasureDecision.Request(citizenId, requestId, http.User.Subject(), clock.GetUtcNow(), citizen is not null, state, digests), ct);
        return TypedResults.Accepted($"/api/citizens/{citizenId}/erasure", View(decided.State));
    }

    public static async Task<IResult> Get(Guid citizenId, IQuerySession session, CancellationToken ct)
    {
        var (state, _) = await session.LoadAsync(ErasureState.StreamKey(citizenId), ErasureState.Initial, ErasureState.Evolve, ct);
        if (state.RequestId is null) throw Rejection.NotFound("No erasure is requested for this citizen.");
        return TypedResults.Ok(View(state));
    }

    private static ErasureRequestView View(ErasureState s) => new(s.RequestId!.Value, s.RequestedAt!.Value, s.RequestedBy!,
        s.Expected.All(e => s.Confirmed.Any(c => c.Service == e)), s.Confirmed,
        s.Expected.Where(e => s.Confirmed.All(c => c.Service != e)).ToList(),
        s.Confirmed.SelectMany(c => c.KeptByLaw.Select(k => $"{c.Service}: {k}")).ToList());
}

/// <summary>Each service's confirmation, onto the request.</summary>
public sealed class CitizenDataErasedConsumer(IDocumentStore store) : IdempotentConsumer<V1.CitizenDataErased>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.CitizenDataErased> context, IDocumentSession session)
    {
        if (context.Message.CitizenId is not { } citizenId) return;
        var key = ErasureState.StreamKey(citizenId);
        var (state, version) = await session.LoadAsync(key, ErasureState.Initial, ErasureState.Evolve, context.CancellationToken);
        var events = ErasureDecision.Confirm(context.Message, state);
        if (events.Count > 0) session.Events.Append(key, version + events.Count, events);
    }
}

/// <summary>The citizens service's own part: the identity index entries go, so the citizen's phone, e-mail or chat id no
/// longer finds them. The erasure request itself is kept, without personal data, as proof of the answer.</summary>
public sealed class CitizenIdentitiesErasure(IDocumentStore store) : IErasureParticipant
{
    public async Task<IReadOnlyList<string>> EraseAsync(ErasureScope scope, NpgsqlConnection connection, CancellationToken ct)
    {
        await using var session = store.LightweightSession(scope.TenantId);
        session.DeleteWhere<IdentityIndexEntry>(e => e.CitizenId == scope.CitizenId);
        await session.SaveChangesAsync(ct);
        return ["the erasure request (who asked, when, which services confirmed), with no personal data"];
    }
}
