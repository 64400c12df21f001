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

/// <summary>Staff recorded a citizen's request to erase their personal data (GDPR Art. 17): every service holding
/// citizens' data masks this citizen's personal fields and answers with <see cref="CitizenDataErased"/>.
/// <paramref name="IdentityDigests"/>: SHA-256 (lower-case hex) of each of the citizen's identities as the citizens
/// directory keys them (<c>kind:value</c>, e.g. <c>telegram:123456789</c>), so a service finds records that carry an
/// identity but were never linked to the citizen (a chat that wrote before it was known) without the identities
/// themselves on the bus.</summary>
public sealed record CitizenErasureRequested(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid RequestId,
    IReadOnlyList<string>? IdentityDigests = null) : IIntegrationEvent;

/// <summary>A service erased a citizen's personal data for an erasure request. <paramref name="KeptByLaw"/> names what it
/// keeps, with the minimum data, because the council must keep it (e.g. a case's registry entry).</summary>
public sealed record CitizenDataErased(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid RequestId,
    string Service,
    int EventsMasked,
    IReadOnlyList<string> KeptByLaw) : IIntegrationEvent;

/// <summary>A citizen agreed to a consent text (<see cref="ConsentTexts"/>): its purpose and version, in the language it
/// was shown. The text's hash and the device stay in the citizens service's record.</summary>
public sealed record CitizenConsentGiven(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid ConsentId,
    string Purpose,
    string TextVersion,
    string Language) : IIntegrationEvent;

/// <summary>A citizen withdrew a consent; <paramref name="Channel"/> is where they asked.</summary>
public sealed record CitizenConsentWithdrawn(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid ConsentId,
    string Purpose) : IIntegrationEvent;
