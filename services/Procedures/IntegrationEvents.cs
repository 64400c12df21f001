using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Catalogue;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Procedures;

/// <summary>Which of the procedures service's events other services hear about.</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/procedures";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        CaseSubmitted e => new V1.CaseSubmitted(stored.TenantId, e.At, e.CitizenId, e.Channel, e.CaseId, e.TrackingCode, e.ProcedureCode),
        CaseStatusChanged e => new V1.CaseStatusChanged(stored.TenantId, e.At, e.CitizenId, null, e.CaseId, e.TrackingCode, e.ProcedureCode, e.Status.ToString(), e.Note),
        NotificationIssued e => new V1.NotificationIssued(stored.TenantId, e.At, e.CitizenId, null, e.CaseId, e.NotificationId, e.TrackingCode, e.ProcedureCode, e.Language),
        NotificationAccessed e => new V1.NotificationAccessed(stored.TenantId, e.At, e.CitizenId, e.Channel, e.CaseId, e.NotificationId, e.TrackingCode, e.ProcedureCode),
        ProcedurePublished e => new V1.ProcedurePublished(stored.TenantId, e.At, null, null, e.Code, (int)stored.Version),
        ProcedureRevised e => new V1.ProcedurePublished(stored.TenantId, e.At, null, null, e.Code, (int)stored.Version),
        ProcedureWithdrawn e => new V1.ProcedureWithdrawn(stored.TenantId, e.At, null, null, e.Code),
        _ => null,
    };
}
