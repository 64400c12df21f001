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

    /// <summary>The CloudEvents type: reverse-DNS style from the contract's namespace and name, e.g.
    /// "omnichannel.contracts.v1.casesubmitted" — stable as long as the contract's name is.</summary>
    public static string TypeOf(IIntegrationEvent message) => message.GetType().FullName!.ToLowerInvariant();
}
