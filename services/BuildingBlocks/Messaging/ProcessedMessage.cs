namespace Omnichannel.BuildingBlocks.Messaging;

/// <summary>
/// Marks that one consumer applied one message. Stored in the same transaction as the consumer's
/// effects, so a redelivered message (the outbox is at-least-once) changes nothing the second time.
/// </summary>
public sealed class ProcessedMessage
{
    public string Id { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }

    public static string KeyFor(string consumer, Guid messageId) => $"{consumer}:{messageId:N}";
}
