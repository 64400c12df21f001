using System.Globalization;
using Grpc.Core;
using Marten;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Cases.AccessingNotifications;
using Omnichannel.Procedures.Cases.Tracking;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Grpc;

/// <summary>A citizen's notifications for a service acting for them (the kiosk, once the citizen is identified): the list
/// from the cases' view, and opening one, which records its first access on the case stream (the same decision as the
/// staff route). Bad ids are InvalidArgument, another citizen's notification NotFound — through the rejection interceptor.</summary>
public sealed class CaseNotificationsService(IDocumentSession session, TimeProvider clock) : CaseNotifications.CaseNotificationsBase
{
    public override async Task<ListCitizenNotificationsReply> ListForCitizen(ListCitizenNotificationsRequest request, ServerCallContext context)
    {
        var citizen = Id(request.CitizenId, "citizen_id");
        var ct = context.CancellationToken;
        var cases = await session.Query<CaseView>().Where(c => c.CitizenId == citizen).ToListAsync(ct);
        var names = await NamesAsync(cases.Where(c => c.Notifications.Count > 0).Select(c => c.ProcedureCode), ct);
        var reply = new ListCitizenNotificationsReply();
        reply.Notifications.AddRange(cases
            .SelectMany(c => c.Notifications.Select(n => (Case: c, Notification: n)))
            .OrderByDescending(x => x.Notification.IssuedAt)
            .Select(x => Item(x.Case, x.Notification, names.GetValueOrDefault(x.Case.ProcedureCode))));
        return reply;
    }

    public override async Task<OpenedNotificationReply> Open(OpenNotificationRequest request, ServerCallContext context)
    {
        var citizen = Id(request.CitizenId, "citizen_id");
        var notification = Id(request.NotificationId, "notification_id");
        var ct = context.CancellationToken;
        if (string.IsNullOrWhiteSpace(request.By)) throw new RpcException(new Status(StatusCode.InvalidArgument, "by is required."));
        // The citizen's own cases only: another citizen's notification is not found.
        var owner = (await session.Query<CaseView>().Where(c => c.CitizenId == citizen).ToListAsync(ct))
            .FirstOrDefault(c => c.Notifications.Any(n => n.NotificationId == notification))
            ?? throw new RpcException(new Status(StatusCode.NotFound, "There is no such notification."));
        var opened = await NotificationOpening.OpenAsync(session,
            new AccessNotification(owner.CaseId, notification, citizen, request.Channel, request.By, clock.GetUtcNow()), ct);
        var view = await session.LoadAsync<CaseView>(Case.StreamKey(owner.CaseId), ct);
        var entry = view!.Notifications.Single(n => n.NotificationId == notification);
        return new OpenedNotificationReply
        {
            Notification = Item(view, entry, opened.ProcedureName),
            Body = opened.Body,
            AccessChannel = opened.AccessChannel,
        };
    }

    private static Guid Id(string text, string field) => Guid.TryParse(text, out var id) && id != Guid.Empty
        ? id : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} must be an id."));

    private async Task<Dictionary<string, Contracts.LocalizedText>> NamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var names = new Dictionary<string, Contracts.LocalizedText>();
        foreach (var code in codes.Distinct())
            if (await session.LoadAsync<ProcedureView>(Procedure.StreamKey(code), ct) is { } procedure) names[code] = procedure.Names;
        return names;
    }

    private static CitizenNotificationItem Item(CaseView view, CaseView.NotificationEntry n, Contracts.LocalizedText? name) => new()
    {
        NotificationId = n.NotificationId.ToString(),
        CaseId = view.CaseId.ToString(),
        TrackingCode = view.TrackingCode,
        ProcedureCode = view.ProcedureCode,
        ProcedureName = name is null ? null : new LocalizedText { Ca = name.Ca, Es = name.Es, En = name.En },
        Title = n.Title,
        Language = n.Language,
        IssuedAt = n.IssuedAt.ToString("O", CultureInfo.InvariantCulture),
        AccessedAt = n.AccessedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
    };
}
