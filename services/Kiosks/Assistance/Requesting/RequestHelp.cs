using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.LookingUp;
using Omnichannel.Kiosks.Sessions;

namespace Omnichannel.Kiosks.Assistance.Requesting;

/// <summary>"I want help": on site (an assistant of the office comes) or remote (staff join by video).</summary>
public sealed record RequestHelpRequest(AssistanceMode? Mode);

public sealed class RequestHelpRequestValidator : AbstractValidator<RequestHelpRequest>
{
    public RequestHelpRequestValidator() => RuleFor(r => r.Mode).NotNull().IsInEnum();
}

/// <summary>What the kiosk shows while help comes: <c>assistantCalled</c> whether a free assistant was called (on
/// site); <c>roomUrl</c> once staff accepted a remote request.</summary>
public sealed record HelpRequest(Guid RequestId, AssistanceMode Mode, AssistanceStatus Status, bool AssistantCalled, string? RoomUrl,
    DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt)
{
    public static HelpRequest Of(AssistanceRequestView v) => new(v.RequestId, v.Mode, v.Status, v.CalledAssistant is not null, v.RoomUrl, v.RequestedAt, v.AcceptedAt);
}

public static class RequestHelpEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, RequestHelpRequest request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var (sessions, _) = await session.LoadAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve, ct);
        SessionDecisions.Open(sessions, sessionId);
        var open = await session.Query<AssistanceRequestView>()
            .AnyAsync(r => r.SessionId == sessionId && r.Status != AssistanceStatus.Closed, ct);
        if (open) throw Rejection.Conflict("Help is already asked for in this session.");

        var kiosk = await session.LoadAsync<KioskView>(KioskState.StreamKey(own.KioskId), ct) ?? throw Rejection.NotFound("There is no such kiosk.");
        var now = clock.GetUtcNow();
        // The assistant free longest at this office is called (the office is where the kiosk stands); taken as busy in
        // the same save, so two kiosks cannot call the same assistant.
        OfficeAssistant? free = null;
        if (request.Mode == AssistanceMode.OnSite)
        {
            free = (await session.Query<OfficeAssistant>()
                .Where(a => a.OfficeId == own.OfficeId && a.Available && a.BusyWith == null).OrderBy(a => a.FreeSince).Take(1).ToListAsync(ct)).FirstOrDefault();
        }
        var requestId = Guid.NewGuid();
        if (free is not null)
        {
            free.BusyWith = requestId;
            session.Store(free);
        }
        var command = new RequestAssistance(requestId, own.KioskId, own.OfficeId, sessionId, request.Mode!.Value,
            kiosk.Peripherals.Contains(Peripheral.Camera) && kiosk.Peripherals.Contains(Peripheral.Microphone) && kiosk.Peripherals.Contains(Peripheral.Speaker),
            free?.StaffId, now);
        var decided = await session.DecideAndAppendAsync(AssistanceState.StreamKey(requestId), AssistanceState.Initial, AssistanceState.Evolve,
            state => AssistanceDecisions.Decide(command, state), ct);
        var requested = (AssistanceRequested)decided.Events.Single();
        return TypedResults.Created($"/api/kiosks/{own.KioskId}/help-requests/{requestId}",
            new HelpRequest(requestId, requested.Mode, AssistanceStatus.Waiting, requested.CalledAssistant is not null, null, now, null));
    }

    /// <summary>The kiosk polls its request: accepted yet, and the room to join.</summary>
    public static async Task<IResult> Get(string kioskId, Guid requestId, IQuerySession session, CancellationToken ct)
    {
        var view = await session.LoadAsync<AssistanceRequestView>(AssistanceState.StreamKey(requestId), ct);
        if (view is null || view.KioskId != KioskCodes.Kiosk.Normalize(kioskId)) throw Rejection.NotFound("This kiosk has no such help request.");
        return TypedResults.Ok(HelpRequest.Of(view));
    }
}
