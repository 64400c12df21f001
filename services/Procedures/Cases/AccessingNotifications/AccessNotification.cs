using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Cases.Tracking;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Cases.AccessingNotifications;

/// <summary>The channels a citizen can access a notification through: a kiosk, the web, or at the desk (staff open it
/// for the citizen in front of them).</summary>
public static class AccessChannels
{
    public static readonly IReadOnlyList<string> All = [Channels.Kiosk, Channels.Online, Channels.OnSite];
}

/// <summary>Who accesses: <paramref name="CitizenId"/> when the caller acts for an identified citizen (a kiosk session),
/// checked against the case's; null when staff open it on the citizen's behalf.</summary>
public sealed record AccessNotification(Guid CaseId, Guid NotificationId, Guid? CitizenId, string Channel, string By, DateTimeOffset At);

public static class AccessNotificationDecision
{
    /// <summary>The first access is the one the law counts (the notification is delivered then); a later one adds nothing.
    /// A notification of another citizen is "not found", as if it did not exist.</summary>
    public static IReadOnlyList<object> Decide(AccessNotification command, Case state)
    {
        if (!state.Exists || !state.Notifications.TryGetValue(command.NotificationId, out var accessed)
            || (command.CitizenId is { } citizen && state.CitizenId != citizen))
            throw Rejection.NotFound("There is no such notification.");
        if (!AccessChannels.All.Contains(command.Channel))
            throw Rejection.Invalid("channel", $"A notification is accessed through one of: {string.Join(", ", AccessChannels.All)}.");
        if (accessed) return [];
        return [new NotificationAccessed(state.CaseId, command.NotificationId, state.TrackingCode, state.ProcedureCode, state.CitizenId,
            command.Channel, command.By, command.At)];
    }
}

/// <summary>A notification with its text, as the citizen reads it, and when it was first accessed (delivered).</summary>
public sealed record OpenedNotification(Guid CaseId, Guid NotificationId, Guid? CitizenId, string TrackingCode, string ProcedureCode, LocalizedText? ProcedureName,
    string Title, string Body, string Language, DateTimeOffset IssuedAt, DateTimeOffset AccessedAt, string AccessChannel);

/// <summary>Opening a notification: recorded (once) on the case stream, then read back from the case's view.</summary>
public static class NotificationOpening
{
    public static async Task<OpenedNotification> OpenAsync(IDocumentSession session, AccessNotification command, CancellationToken ct)
    {
        await session.DecideAndAppendAsync(Case.StreamKey(command.CaseId), Case.Initial, Case.Evolve,
            state => AccessNotificationDecision.Decide(command, state), ct);
        var view = await session.LoadAsync<CaseView>(Case.StreamKey(command.CaseId), ct) ?? throw Rejection.NotFound("There is no such notification.");
        var procedure = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(view.ProcedureCode), ct);
        var n = view.Notifications.Single(n => n.NotificationId == command.NotificationId);
        return new OpenedNotification(view.CaseId, n.NotificationId, view.CitizenId, view.TrackingCode, view.ProcedureCode, procedure?.Names,
            n.Title, n.Body, n.Language, n.IssuedAt, n.AccessedAt!.Value, n.AccessChannel!);
    }
}

/// <summary>POST /api/procedures/cases/{caseId}/notifications/{notificationId}/access (staff): the citizen at the desk
/// reads their notification with the member of staff's help; the access is recorded with channel on-site.</summary>
public static class AccessNotificationEndpoint
{
    public static async Task<IResult> Handle(Guid caseId, Guid notificationId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new AccessNotification(caseId, notificationId, null, Channels.OnSite, http.User.Subject(), clock.GetUtcNow());
        return TypedResults.Ok(await NotificationOpening.OpenAsync(session, command, ct));
    }
}
