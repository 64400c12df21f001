using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Sessions;

namespace Omnichannel.Kiosks.Assistance.Handling;

/// <summary>A request as staff see it in a queue.</summary>
public sealed record AssistanceItem(Guid RequestId, string KioskId, string OfficeId, AssistanceMode Mode, AssistanceStatus Status, string? CalledAssistant,
    string? StaffId, string? RoomUrl, DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ClosedAt, int? WaitingSeconds, int? HandlingSeconds)
{
    public static AssistanceItem Of(AssistanceRequestView v) => new(v.RequestId, v.KioskId, v.OfficeId, v.Mode, v.Status, v.CalledAssistant, v.StaffId, v.RoomUrl,
        v.RequestedAt, v.AcceptedAt, v.ClosedAt, v.WaitingSeconds, v.HandlingSeconds);
}

public static class HandleAssistanceEndpoints
{
    /// <summary>Staff take a request: on site they go to the kiosk; remote they get the video room. Either way they join
    /// the kiosk's session as its assistant (when it is still open).</summary>
    public static async Task<IResult> Accept(Guid requestId, IDocumentSession session, IOptions<RemoteAssistanceOptions> options, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var staff = http.User.Subject();
        var room = options.Value.RoomUrl(RequestContext.RequiredTenantId, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)));
        var now = clock.GetUtcNow();
        var decided = await session.DecideAndAppendAsync(AssistanceState.StreamKey(requestId), AssistanceState.Initial, AssistanceState.Evolve,
            state => AssistanceDecisions.Decide(new AcceptAssistance(requestId, staff, room, now), state), ct);
        var state = decided.State;
        if (decided.Events.Count > 0)
        {
            await FreeAsync(session, state.OfficeId, requestId, except: staff, now, ct);
            if (await session.LoadAsync<OfficeAssistant>(OfficeAssistant.IdOf(state.OfficeId, staff), ct) is { } me)
            {
                me.BusyWith = requestId;
                session.Store(me);
                await session.SaveChangesAsync(ct);
            }
            await JoinIfOpenAsync(session, state.KioskId, state.SessionId, staff, state.Mode, now, ct);
        }
        var view = await session.LoadAsync<AssistanceRequestView>(AssistanceState.StreamKey(requestId), ct);
        return TypedResults.Ok(AssistanceItem.Of(view!));
    }

    public static async Task<IResult> Close(Guid requestId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var decided = await session.DecideAndAppendAsync(AssistanceState.StreamKey(requestId), AssistanceState.Initial, AssistanceState.Evolve,
            state => AssistanceDecisions.Decide(new CloseAssistance(requestId, http.User.Subject(), now), state), ct);
        if (decided.Events.Count > 0) await FreeAsync(session, decided.State.OfficeId, requestId, except: null, now, ct);
        var view = await session.LoadAsync<AssistanceRequestView>(AssistanceState.StreamKey(requestId), ct);
        return TypedResults.Ok(AssistanceItem.Of(view!));
    }

    /// <summary>Staff on site join the session at the kiosk next to the citizen (no request needed: the citizen asked at the desk).</summary>
    public static async Task<IResult> Join(string kioskId, Guid sessionId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var command = new JoinAsAssistant(id, sessionId, http.User.Subject(), AssistanceMode.OnSite, clock.GetUtcNow());
        await session.DecideAndAppendAsync(SessionsState.StreamKey(id), SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);
        return TypedResults.NoContent();
    }

    /// <summary>The office's queue: requests waiting or being handled at its kiosks, both modes (staff).</summary>
    public static async Task<IResult> OfficeQueue(string officeId, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<AssistanceRequestView>().Where(r => r.OfficeId == officeId && r.Status != AssistanceStatus.Closed)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct)).Select(AssistanceItem.Of).ToList());

    /// <summary>The staff assistance queue: remote requests from every office's kiosks, waiting or being handled (staff).</summary>
    public static async Task<IResult> RemoteQueue(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<AssistanceRequestView>().Where(r => r.Mode == AssistanceMode.Remote && r.Status != AssistanceStatus.Closed)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct)).Select(AssistanceItem.Of).ToList());

    private static async Task FreeAsync(IDocumentSession session, string officeId, Guid requestId, string? except, DateTimeOffset now, CancellationToken ct)
    {
        var busy = await session.Query<OfficeAssistant>().Where(a => a.OfficeId == officeId && a.BusyWith == requestId).ToListAsync(ct);
        foreach (var assistant in busy.Where(a => a.StaffId != except))
        {
            assistant.BusyWith = null;
            assistant.FreeSince = now;
            session.Store(assistant);
        }
        if (busy.Count > 0) await session.SaveChangesAsync(ct);
    }

    private static async Task JoinIfOpenAsync(IDocumentSession session, string kioskId, Guid sessionId, string staff, AssistanceMode mode, DateTimeOffset now, CancellationToken ct)
    {
        var (state, _) = await session.LoadAsync(SessionsState.StreamKey(kioskId), SessionsState.Initial, SessionsState.Evolve, ct);
        if (state.Open?.SessionId != sessionId) return; // the citizen left before help came: the request still counts
        var command = new JoinAsAssistant(kioskId, sessionId, staff, mode, now);
        await session.DecideAndAppendAsync(SessionsState.StreamKey(kioskId), SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);
    }
}
