using System.Globalization;
using Grpc.Core;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Grpc;

using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Contracts.Grpc.Incidents.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Answering;

/// <summary>Asks the owner of a personal code for its status: appointments for an appointment code, procedures for a
/// tracking code (over gRPC, with the council's service token). A neighbour that cannot answer is
/// <see cref="CodeStatus.Unavailable"/>: the citizen is told to try later, the webhook still answers 200.</summary>
public sealed class CodeLookups(AppointmentBook.AppointmentBookClient appointments, CaseTracking.CaseTrackingClient cases, IncidentDesk.IncidentDeskClient incidents, ILogger<CodeLookups> logger)
{
    public async Task<CodeStatus> LookUpAsync(string lookup, string typed, CancellationToken ct)
    {
        if (lookup == KeywordEntry.Lookups.Incident) return await IncidentAsync(typed, ct);
        var scheme = lookup == KeywordEntry.Lookups.Appointment ? PersonalCode.Appointment : PersonalCode.Tracking;
        var (reading, code) = scheme.Read(typed);
        // A case code from before the T scheme is still a case code: procedures reads both.
        if (reading == CodeReading.Typo) return new CodeStatus.Typo();
        if (reading == CodeReading.NotACode && lookup == KeywordEntry.Lookups.Appointment) return new CodeStatus.NotFound();
        try
        {
            if (lookup == KeywordEntry.Lookups.Appointment)
            {
                var a = await appointments.GetByCodeAsync(new GetByCodeRequest { Code = code }, cancellationToken: ct);
                return new CodeStatus.AppointmentFound(a.Code, a.Status, Instant(a.StartsAt), a.OfficeId, Id(a.CitizenId));
            }
            var c = await cases.GetByTrackingCodeAsync(new GetByTrackingCodeRequest { TrackingCode = code ?? typed }, cancellationToken: ct);
            var name = c.ProcedureName is { } n ? new Omnichannel.Contracts.LocalizedText(n.Ca, n.Es, n.En) : null;
            return new CodeStatus.CaseFound(c.TrackingCode, c.Status, name, c.ProcedureCode, Instant(c.UpdatedAt), Id(c.CitizenId));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return new CodeStatus.NotFound();
        }
        catch (Exception e) when (e is RpcException || NeighbourUnavailable.IsOutage(e, ct))
        {
            logger.LogWarning("A {Lookup} code could not be looked up ({Status})", lookup, (e as RpcException)?.StatusCode);
            return new CodeStatus.Unavailable();
        }
    }

    /// <summary>An incident code (N…) at incidents' IncidentDesk: the code is its holder's key (the reply names no
    /// citizen), so anyone holding it sees its status; another council's code is "not found", like a code nobody has.</summary>
    private async Task<CodeStatus> IncidentAsync(string typed, CancellationToken ct)
    {
        var (reading, code) = PersonalCode.Incident.Read(typed);
        if (reading == CodeReading.Typo) return new CodeStatus.Typo();
        if (reading == CodeReading.NotACode) return new CodeStatus.NotFound();
        try
        {
            var i = await incidents.GetByCodeAsync(new GetIncidentByCodeRequest { Code = code }, cancellationToken: ct);
            return new CodeStatus.IncidentFound(i.Code, i.Kind, i.Status, Instant(i.UpdatedAt));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return new CodeStatus.NotFound();
        }
        catch (Exception e) when (e is RpcException || NeighbourUnavailable.IsOutage(e, ct))
        {
            logger.LogWarning("An incident code could not be looked up ({Status})", (e as RpcException)?.StatusCode);
            return new CodeStatus.Unavailable();
        }
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTimeOffset.UnixEpoch;

    private static Guid? Id(string text) => Guid.TryParse(text, out var id) ? id : null;
}
