using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Incidents.Reporting.FromChats;

/// <summary>
/// A complaint sent through a chat (messaging's ChatComplaintSubmitted: after the complaint keyword, with a photo
/// and/or a location) is reported as a complaint, exactly as POST /api/incidents would, with the complaint's id as the
/// incident's id: a redelivery, or the same complaint published twice, reports nothing twice. The IncidentReported that
/// follows takes the code back to the chat. The photo stays at the chat provider (its file id is in the event) until
/// incidents takes attachments from chats.
/// </summary>
public sealed class ChatComplaintReport(IDocumentStore store, SlaRulebook rulebook, CategoryCatalogue categories, ILogger<ChatComplaintReport> logger)
    : IdempotentConsumer<V1.ChatComplaintSubmitted>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.ChatComplaintSubmitted> context, IDocumentSession session)
    {
        var e = context.Message;
        var location = e.Latitude is { } lat && e.Longitude is { } lon ? new IncidentLocation(lat, lon, null) : null;
        var command = new ReportIncident(new IncidentRef(e.ComplaintId, PersonalCode.Incident.New(), e.CitizenId, e.Channel ?? "telegram"),
            IncidentKinds.Complaint, e.Description, null, null, location, e.OccurredAt);
        try
        {
            await ReportIncidentEndpoint.ReportAsync(command, procedureKnown: false, e.TenantId, session, rulebook, categories, context.CancellationToken);
        }
        catch (Rejection r) when (r.Kind == RejectionKind.Conflict)
        {
            logger.LogInformation("A chat complaint was already reported: nothing to do");
        }
    }
}
