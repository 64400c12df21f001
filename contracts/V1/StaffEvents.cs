namespace Omnichannel.Contracts.V1;

// Staff accounts' access, from the identity service to every service's token validation
// (services/BuildingBlocks/Auth/StaffAccessWithdrawals.cs). They name no citizen (CitizenId and Channel are null).
// Every instance of every service hears them on a queue of its own, not one of Subscriptions.All: each replica keeps the
// set itself, and reads it again from the identity service at start.

/// <summary>An administrator disabled a staff account: tokens issued to it before <c>OccurredAt</c> stop working at once.</summary>
public sealed record StaffAccountDisabled(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string AccountId) : IIntegrationEvent;

/// <summary>An administrator enabled a disabled staff account again: tokens issued to it from now on work.</summary>
public sealed record StaffAccountEnabled(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string AccountId) : IIntegrationEvent;
