using JasperFx.Events;
using MassTransit;
using Omnichannel.Contracts;

namespace Omnichannel.BuildingBlocks.Messaging;

/// <summary>CloudEvents 1.0 attributes as AMQP application properties ("cloudEvents:" prefix, per the AMQP binding).</summary>
public static class CloudEventHeaders
{
    public const string Prefix = "cloudEvents:";
    public const string Id = Prefix + "id";
    public const string Source = Prefix + "source";
    public const string SpecVersion = Prefix + "specversion";
    public const string Type = Prefix + "type";
    public const string Time = Prefix + "time";
    public const string Subject = Prefix + "subject";
    public const string Tenant = Prefix + "tenantid";
    public const string Channel = Prefix + "channel";
    public const string CorrelationId = Prefix + "correlationid";

    /// <summary>Not a CloudEvents attribute: set on an event published again by a catch-up (the office directory's),
    /// with its first id. Consumers need not look at it (the id makes the copy a duplicate where it was applied);
    /// it tells a reader of a queue dump why the event came twice.</summary>
    public const string Replay = "omnichannel:replay";

    /// <summary>The message id is the stored event's id, so a copy published again (a retried outbox page, a catch-up)
    /// is a duplicate to every idempotent consumer that applied it; the attributes follow the AMQP binding.</summary>
    public static void Stamp(PublishContext context, IIntegrationEvent message, IEvent stored, string source)
    {
        context.MessageId = stored.Id;
        if (Guid.TryParse(stored.CorrelationId, out var correlation)) context.CorrelationId = correlation;
        context.Headers.Set(Id, stored.Id.ToString());
        context.Headers.Set(SpecVersion, "1.0");
        context.Headers.Set(Source, source);
        context.Headers.Set(Type, TypeOf(message));
        context.Headers.Set(Time, message.OccurredAt.ToString("O"));
        context.Headers.Set(Tenant, message.TenantId);
        if (message.CitizenId is { } citizen) context.Headers.Set(Subject, citizen.ToString());
        if (message.Channel is { } channel) context.Headers.Set(Channel, channel);
        if (stored.CorrelationId is { } correlationId) context.Headers.Set(CorrelationId, correlationId);
    }

    /// <summary>The CloudEvents type: reverse-DNS style from the contract's namespace and name, e.g.
    /// "omnichannel.contracts.v1.casesubmitted" — stable as long as the contract's name is.</summary>
    public static string TypeOf(IIntegrationEvent message) => message.GetType().FullName!.ToLowerInvariant();
}
