using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Contracts.Grpc.Incidents.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;

namespace Omnichannel.Kiosks.Sessions.LookingUpCodes;

/// <summary>What the citizen typed at the kiosk: a case tracking code, an appointment code or an incident code, read
/// as forgivingly as everywhere (case, spaces, hyphens, O→0, I/L→1). In the body: a code is the citizen's, not for a URL.</summary>
public sealed record LookUpCodeRequest(string? Code);

public sealed class LookUpCodeRequestValidator : AbstractValidator<LookUpCodeRequest>
{
    public LookUpCodeRequestValidator() => RuleFor(r => r.Code).NotEmpty().MaximumLength(40);
}

/// <summary>Where a case, an appointment or an incident stands, as its code's holder may see it: never the citizen.
/// <c>kind</c>: case, appointment or incident; <c>status</c> as its service spells it; <c>title</c> the procedure's
/// name (a case) or code (an appointment); <c>startsAt</c> an appointment's time; <c>updatedAt</c> the last change.</summary>
public sealed record CodeStatus(string Kind, string Code, string Status, string? ProcedureCode, LocalizedTitle? ProcedureName, string? OfficeId,
    DateTimeOffset? StartsAt, DateTimeOffset? UpdatedAt);

public sealed record LocalizedTitle(string Ca, string Es, string En);

/// <summary>
/// "Look up my code" at the kiosk, in its open session. A kiosk token reaches only the kiosks service, so the kiosk asks
/// here and the kiosks service asks the code's own service over gRPC (service token, the kiosk's council), the code's
/// letter telling which: T a case (procedures' CaseTracking), C an appointment (appointments' AppointmentBook), N an
/// incident (incidents' IncidentDesk). A typo is a 400 naming <c>code</c> (as each service's own by-code route), a code
/// nobody was given a 404. Only in an open session, so a lookup is part of a private session and wiped with it.
/// </summary>
public static class LookUpCodeEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, LookUpCodeRequest request, IDocumentSession session, IServiceProvider services,
        HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var (state, _) = await session.LoadAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve, ct);
        SessionDecisions.Open(state, sessionId);

        var typed = request.Code!;
        if (Read(PersonalCode.Tracking, typed) is { } tracking)
        {
            var cases = NeighbourCalls.Require<CaseTracking.CaseTrackingClient>(services, "procedures");
            var reply = await NeighbourCalls.CallAsync("procedures", async () =>
                await cases.GetByTrackingCodeAsync(new GetByTrackingCodeRequest { TrackingCode = tracking }, cancellationToken: ct), ct);
            return TypedResults.Ok(new CodeStatus("case", reply.TrackingCode, reply.Status, reply.ProcedureCode,
                reply.ProcedureName is { } n ? new LocalizedTitle(n.Ca, n.Es, n.En) : null, null, null, Instant(reply.UpdatedAt)));
        }
        if (Read(PersonalCode.Appointment, typed) is { } appointment)
        {
            var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
            var reply = await NeighbourCalls.CallAsync("appointments", async () =>
                await book.GetByCodeAsync(new GetByCodeRequest { Code = appointment }, cancellationToken: ct), ct);
            return TypedResults.Ok(new CodeStatus("appointment", reply.Code, reply.Status, reply.ProcedureCode, null, reply.OfficeId, Instant(reply.StartsAt), null));
        }
        if (Read(PersonalCode.Incident, typed) is { } incident)
        {
            var desk = NeighbourCalls.Require<IncidentDesk.IncidentDeskClient>(services, "incidents");
            var reply = await NeighbourCalls.CallAsync("incidents", async () =>
                await desk.GetByCodeAsync(new GetIncidentByCodeRequest { Code = incident }, cancellationToken: ct), ct);
            return TypedResults.Ok(new CodeStatus("incident", reply.Code, reply.Status, null, null, null, null, Instant(reply.UpdatedAt)));
        }
        throw Rejection.Invalid("code", $"Not a code: type a case tracking code ({PersonalCode.Tracking.Shape}), an appointment code "
            + $"({PersonalCode.Appointment.Shape}) or an incident code ({PersonalCode.Incident.Shape}).");
    }

    /// <summary>The code normalized when it is one of this kind; a typo in a code of this kind is the citizen's 400.</summary>
    private static string? Read(PersonalCode kind, string typed) => kind.Read(typed) switch
    {
        (CodeReading.Valid, var code) => code,
        (CodeReading.Typo, _) => throw kind.TypoRejection("code"),
        _ => null,
    };

    private static DateTimeOffset? Instant(string text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : null;
}
