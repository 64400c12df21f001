using Omnichannel.StaffConsole.Gateway;

namespace Omnichannel.StaffConsole.Kiosk;

// "My notifications" at the kiosk: the kiosks service's session routes, which ask procedures for the identified citizen.
public sealed partial class KioskGateway
{
    public Task<ApiResult<KioskNotificationList>> NotificationsAsync(KioskDeviceKey key, string kioskId, Guid session, CancellationToken ct = default) =>
        SendAsync<KioskNotificationList>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/sessions/{session}/notifications", null, ct);

    /// <summary>Opens a notification: procedures records its first access (channel kiosk), its legal delivery.</summary>
    public Task<ApiResult<KioskOpenedNotification>> OpenNotificationAsync(KioskDeviceKey key, string kioskId, Guid session, Guid notification, CancellationToken ct = default) =>
        SendAsync<KioskOpenedNotification>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/notifications/{notification}/access", null, ct);
}

public sealed record KioskNotificationItem(Guid NotificationId, string TrackingCode, string ProcedureCode, KioskMenuText? ProcedureName, string Title,
    string Language, DateTimeOffset IssuedAt, DateTimeOffset? AccessedAt);
public sealed record KioskNotificationList(List<KioskNotificationItem> Items);
public sealed record KioskOpenedNotification(Guid NotificationId, string TrackingCode, string ProcedureCode, KioskMenuText? ProcedureName, string Title,
    string Body, string Language, DateTimeOffset IssuedAt, DateTimeOffset AccessedAt, string AccessChannel);
