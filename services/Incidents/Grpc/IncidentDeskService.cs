using System.Globalization;
using Grpc.Core;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts.Grpc.Incidents.V1;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Grpc;

/// <summary>Incidents for messaging and kiosks: the public status by code, as the REST look-up gives it. Only other
/// services of the platform may call (the service-identity interceptor every gRPC service has), and the council is the
/// service token's: another council's code is "not found", exactly as a code nobody was given.</summary>
public sealed class IncidentDeskService(IQuerySession session, SlaRulebook rulebook) : IncidentDesk.IncidentDeskBase
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

    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
