using System.Globalization;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;
using Omnichannel.Kiosks.Sessions.LookingUpCodes;

namespace Omnichannel.Kiosks.Sessions.ReadingNotifications;

/// <summary>One of the citizen's notifications as the kiosk lists it: its title, the case it is about, when it was put
/// at their disposal and when they first accessed it (null: not yet read).</summary>
public sealed record KioskNotificationItem(Guid NotificationId, string TrackingCode, string ProcedureCode, LocalizedTitle? ProcedureName, string Title,
    string Language, DateTimeOffset IssuedAt, DateTimeOffset? AccessedAt);

public sealed record KioskNotifications(IReadOnlyList<KioskNotificationItem> Items);

/// <summary>A notification opened at the kiosk: its text, and its first access (the delivery), which is now.</summary>
public sealed record KioskNotification(Guid NotificationId, string TrackingCode, string ProcedureCode, LocalizedTitle? ProcedureName, string Title,
    string Body, string Language, DateTimeOffset IssuedAt, DateTimeOffset AccessedAt, string AccessChannel);

/// <summary>
/// "My notifications" at the kiosk, for the citizen identified in its open session: the procedures service lists them and
/// records the access when one is opened (over gRPC, service token, the kiosk's council; channel kiosk, by the kiosk), so
/// the kiosk reaches only that citizen's. An anonymous session is a 409: notifications are a citizen's own.
/// </summary>
public static class ReadNotificationsEndpoints
{
    public static async Task<IResult> List(string kioskId, Guid sessionId, IDocumentSession session, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var (_, citizen) = await CitizenOfAsync(session, sessionId, http, ct);
        var notifications = NeighbourCalls.Require<CaseNotifications.CaseNotificationsClient>(services, "procedures");
        var reply = await NeighbourCalls.CallAsync("procedures", async () =>
            await notifications.ListForCitizenAsync(new ListCitizenNotificationsRequest { CitizenId = citizen.ToString() }, cancellationToken: ct), ct);
        return TypedResults.Ok(new KioskNotifications(reply.Notifications.Select(Item).ToList()));
    }

    public static async Task<IResult> Open(string kioskId, Guid sessionId, Guid notificationId, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (own, citizen) = await CitizenOfAsync(session, sessionId, http, ct);
        var notifications = NeighbourCalls.Require<CaseNotifications.CaseNotificationsClient>(services, "procedures");
        var reply = await NeighbourCalls.CallAsync("procedures", async () => await notifications.OpenAsync(new OpenNotificationRequest
        {
            CitizenId = citizen.ToString(), NotificationId = notificationId.ToString(), Channel = Channels.Kiosk, By = $"kiosk:{own.KioskId}",
        }, cancellationToken: ct), ct);
        var item = Item(reply.Notification);
        await session.DecideAndAppendAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve,
            s => SessionDecisions.Decide(new RecordAction(own.KioskId, sessionId, SessionAction.NotificationDownloaded, item.TrackingCode,
                clock.GetUtcNow(), IssuedWhileOpen: true), s), ct);
        return TypedResults.Ok(new KioskNotification(item.NotificationId, item.TrackingCode, item.ProcedureCode, item.ProcedureName, item.Title,
            reply.Body, item.Language, item.IssuedAt, item.AccessedAt!.Value, reply.AccessChannel));
    }

    /// <summary>The open session's citizen, checked before procedures is asked anything.</summary>
    private static async Task<(KioskIdentity Own, Guid Citizen)> CitizenOfAsync(IDocumentSession session, Guid sessionId, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var (state, _) = await session.LoadAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve, ct);
        var citizen = SessionDecisions.Open(state, sessionId).CitizenId
            ?? throw Rejection.Conflict("Notifications are a citizen's own: identify the citizen (ID card, idCat Mòbil, NFC) first.");
        return (own, citizen);
    }

    private static KioskNotificationItem Item(CitizenNotificationItem n) => new(
        Guid.Parse(n.NotificationId), n.TrackingCode, n.ProcedureCode,
        n.ProcedureName is { } name ? new LocalizedTitle(name.Ca, name.Es, name.En) : null,
        n.Title, n.Language, DateTimeOffset.Parse(n.IssuedAt, CultureInfo.InvariantCulture),
        string.IsNullOrEmpty(n.AccessedAt) ? null : DateTimeOffset.Parse(n.AccessedAt, CultureInfo.InvariantCulture));
}
