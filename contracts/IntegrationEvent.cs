namespace Omnichannel.Contracts;

/// <summary>
/// What every integration event carries besides its own facts. The CloudEvents attributes
/// (id, source, type, time, subject, …) travel as message headers; these are the ones consumers
/// also need as data, so analysts replaying a queue dump see them without the headers.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The council the event belongs to.</summary>
    string TenantId { get; }

    /// <summary>When it happened (not when it was published).</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>The citizen it concerns, when known: the CloudEvents subject.</summary>
    Guid? CitizenId { get; }

    /// <summary>The channel it came through (see <see cref="Channels"/>), when it came through one.</summary>
    string? Channel { get; }
}
