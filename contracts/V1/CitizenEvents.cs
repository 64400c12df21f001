namespace Omnichannel.Contracts.V1;

/// <summary>A citizen was registered.</summary>
public sealed record CitizenRegistered(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string PreferredLanguage) : IIntegrationEvent;

/// <summary>A channel identity (phone, e-mail, chat id, national id) was linked to a citizen.
/// Carries the kind only: the identity itself is personal data that other services do not need.</summary>
public sealed record ChannelIdentityLinked(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string IdentityKind) : IIntegrationEvent;
