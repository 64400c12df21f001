namespace Omnichannel.Contracts.V1;

// The kiosk fleet's health, for operations: one event per change of a kiosk's state, never one per heartbeat.
// They name no citizen (CitizenId and Channel are null). Peripheral and state names are the kiosks API's
// in kebab-case, as everywhere on the wire ("printer", "id-card-scanner"; "paper-low", "out", "jammed", "fault").

/// <summary>A peripheral of a kiosk went out of order, or from one fault to another (a printer from paper-low to out).</summary>
public sealed record KioskPeripheralFaulted(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string KioskId,
    string OfficeId,
    string Peripheral,
    string State) : IIntegrationEvent;

/// <summary>A peripheral that was at fault works again.</summary>
public sealed record KioskPeripheralRecovered(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string KioskId,
    string OfficeId,
    string Peripheral) : IIntegrationEvent;

/// <summary>A kiosk missed its heartbeats while its building was open; <c>LastSeenAt</c> is its last heartbeat.</summary>
public sealed record KioskWentOffline(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string KioskId,
    string OfficeId,
    DateTimeOffset LastSeenAt) : IIntegrationEvent;

/// <summary>An offline kiosk reported again.</summary>
public sealed record KioskBackOnline(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string KioskId,
    string OfficeId,
    DateTimeOffset OfflineSince) : IIntegrationEvent;

/// <summary>An identified citizen's session at a kiosk ended (an anonymous one names nobody and leaves no event):
/// what they did there, by kind, for their history. <c>Ending</c>: "explicit" or "idle-timeout".</summary>
public sealed record KioskSessionEnded(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid SessionId,
    string KioskId,
    string OfficeId,
    DateTimeOffset StartedAt,
    int Actions,
    IReadOnlyList<string> Did,
    string Ending) : IIntegrationEvent;
