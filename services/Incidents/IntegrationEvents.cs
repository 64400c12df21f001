using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Incidents;

/// <summary>Which of the incidents service's events other services hear about: every step (for the citizen's history
/// and messaging, with only what the citizen was told) and every SLA breach (for staff alerts).</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/incidents";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        IncidentReported e => new V1.IncidentReported(stored.TenantId, e.At, e.Ref.CitizenId, e.Ref.Channel, e.Ref.IncidentId, e.Ref.Code, e.Kind, e.ProcedureCode),
        IncidentTriaged e => Step(stored, e.Ref, e.At, IncidentSteps.Triaged),
        IncidentAssigned e => Step(stored, e.Ref, e.At, IncidentSteps.Assigned),
        InformationRequested e => Step(stored, e.Ref, e.At, IncidentSteps.InformationRequested, e.Question),
        InformationProvided e => Step(stored, e.Ref, e.At, IncidentSteps.InformationProvided, channel: e.Channel),
        IncidentAnswered e => Step(stored, e.Ref, e.At, IncidentSteps.Answered, e.Answer),
        IncidentEscalated e => Step(stored, e.Ref, e.At, IncidentSteps.Escalated),
        IncidentResolved e => Step(stored, e.Ref, e.At, IncidentSteps.Resolved, e.Resolution),
        IncidentReopened e => Step(stored, e.Ref, e.At, IncidentSteps.Reopened, channel: e.Channel),
        IncidentClosed e => Step(stored, e.Ref, e.At, IncidentSteps.Closed),
        IncidentFollowed e => new V1.IncidentProgressed(stored.TenantId, e.At, e.Follower, e.Channel, e.Ref.IncidentId, e.Ref.Code, IncidentSteps.Followed, null),
        OutcomeToldToFollower e => new V1.IncidentProgressed(stored.TenantId, e.At, e.Follower, e.Ref.Channel, e.Ref.IncidentId, e.Ref.Code,
            IncidentSteps.FollowedResolved, e.Resolution),
        IncidentMerged e => Step(stored, e.Ref, e.At, IncidentSteps.Merged, e.IntoCode),
        IncidentRated e => new V1.IncidentRated(stored.TenantId, e.At, e.Ref.CitizenId, e.Channel, e.Ref.IncidentId, e.Ref.Code, e.Rating),
        SlaBreached e => new V1.IncidentSlaBreached(stored.TenantId, e.At, null, e.Ref.Channel, e.Ref.IncidentId, e.Ref.Code, e.Kind, e.Clock, e.DueAt, e.Team),
        _ => null,
    };

    private static V1.IncidentProgressed Step(IEvent stored, IncidentRef incident, DateTimeOffset at, string step, string? message = null, string? channel = null) =>
        new(stored.TenantId, at, incident.CitizenId, channel ?? incident.Channel, incident.IncidentId, incident.Code, step, message);
}
