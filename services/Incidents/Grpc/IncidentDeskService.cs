using Omnichannel.BuildingBlocks.Files;
using System.Globalization;
using Grpc.Core;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts.Grpc.Incidents.V1;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Grpc;

/// <summary>Incidents for messaging and kiosks: the public status by code, as the REST look-up gives it. Only other
/// services of the platform may call (the service-identity interceptor every gRPC service has), and the council is the
/// service token's: another council's code is "not found", exactly as a code nobody was given.</summary>
public sealed class IncidentDeskService(IQuerySession session, SlaRulebook rulebook, IServiceProvider services) : IncidentDesk.IncidentDeskBase
{
    public override async Task<IncidentStatusReply> GetByCode(GetIncidentByCodeRequest request, ServerCallContext context)
    {
        var view = await LookUpIncidentEndpoints.FindByCodeAsync(session, request.Code, context.CancellationToken)
            ?? throw Rejection.NotFound("No incident has this code.");
        var status = PublicIncidentStatus.Of(view);
        var calendar = rulebook.Calendar(view.Calendar);
        return new IncidentStatusReply
        {
            Code = status.Code, Kind = status.Kind, Status = WireEnum.Name(status.Status),
            ReportedAt = Text(calendar.ToLocal(status.ReportedAt)), UpdatedAt = Text(calendar.ToLocal(status.UpdatedAt)),
            LastStep = status.Steps.Count > 0 ? status.Steps[^1].Name : "",
        };
    }

    /// <summary>A chat photo becomes an attachment as an upload does (<see cref="Attachments.AttachmentEndpoints"/>): type by
    /// content, size by family, bytes stored by hash before the event names them, the same hash twice one attachment —
    /// so messaging may send it again after any failure.</summary>
    public override async Task<AttachFromChatReply> AttachFromChat(AttachFromChatRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!Guid.TryParse(request.IncidentId, out var incidentId)) throw Rejection.Invalid("incident_id", "It is not an incident id.");
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IncidentsOptions>>().Value.Attachments;
        var content = request.Content.ToByteArray();
        FileType type;
        try
        {
            type = Attachments.AttachmentContent.Check(content.AsSpan(0, Math.Min(content.Length, FileTypes.HeadLength)), content.LongLength, options);
        }
        catch (Attachments.AttachmentRefused refused)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, refused.Message));
        }
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var attachment = new Model.IncidentAttachment(sha256, type.ContentType, content.LongLength);
        var write = services.GetRequiredService<IDocumentSession>();
        var (before, _) = await write.LoadAsync(Model.Incident.StreamKey(incidentId), Model.Incident.Initial, Model.Incident.Evolve, ct);
        var command = new Attachments.AddAttachment(attachment, Model.AttachmentAdded.Reporter, services.GetRequiredService<TimeProvider>().GetUtcNow(), null);
        Attachments.AddAttachmentDecision.Decide(command, before, options.MaxPerIncident); // refused before the bytes are stored
        await services.GetRequiredService<Attachments.IAttachmentStore>().SaveAsync(sha256, type.ContentType, content, ct);
        var result = await write.DecideAndAppendAsync(Model.Incident.StreamKey(incidentId), Model.Incident.Initial, Model.Incident.Evolve,
            state => Attachments.AddAttachmentDecision.Decide(command, state, options.MaxPerIncident), ct);
        return new AttachFromChatReply { Sha256 = sha256, ContentType = type.ContentType, Size = content.LongLength, Added = result.Events.Count > 0 };
    }

    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
