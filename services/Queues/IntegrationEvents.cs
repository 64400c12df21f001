using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Queues;

/// <summary>Which of the queues service's events other services hear about (citizens' history, messaging).</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/queues";

    public IIntegrationEvent? Map(IEvent stored)
    {
        var office = OfficeOf(stored.StreamKey);
        return stored.Data switch
        {
            TicketIssued e => new V1.TicketIssued(stored.TenantId, e.At, e.CitizenId, e.Channel, e.TicketId, e.OfficeId, e.Line, e.Number, e.ProcedureCode, e.ExpectedWaitMinutes, e.AppointmentId),
            TicketCalled e => new V1.TicketCalled(stored.TenantId, e.At, e.CitizenId, e.Channel, e.TicketId, office, e.Line, e.Number, e.ProcedureCode, e.DeskId, e.Call),
            TicketServed e => new V1.TicketServed(stored.TenantId, e.At, e.CitizenId, e.Channel, e.TicketId, office, e.Line, e.Number, e.ProcedureCode, e.DeskId, e.WaitMinutes, e.ServiceMinutes),
            TicketTransferred e => new V1.TicketTransferred(stored.TenantId, e.At, e.CitizenId, e.Channel, e.TicketId, office, e.Number, e.FromLine, e.ToLine, e.ToDeskId),
            TicketMissed e => new V1.TicketMissed(stored.TenantId, e.At, e.CitizenId, e.Channel, e.TicketId, office, e.Line, e.Number, e.ProcedureCode, e.Calls),
            TicketHolderIsNext e => new V1.TicketHolderIsNext(stored.TenantId, e.At, e.CitizenId, e.Channel, e.TicketId, office, e.Line, e.Number),
            _ => null,
        };
    }

    /// <summary>"office-day:{office}:{yyyy-MM-dd}" → the office.</summary>
    public static string OfficeOf(string? streamKey) =>
        streamKey is { } key && key.StartsWith("office-day:", StringComparison.Ordinal) ? key["office-day:".Length..key.LastIndexOf(':')] : "";
}
