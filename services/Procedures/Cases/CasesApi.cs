using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Procedures.Cases.ChangingStatus;
using Omnichannel.Procedures.Cases.Submitting;
using Omnichannel.Procedures.Cases.Tracking;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Cases;

public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/procedures/cases").WithTags("Cases").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapPost("/", SubmitCase).WithName("SubmitCase")
            .WithSummary("Submits a case for a procedure from any channel; answers with its personal tracking code.")
            .Validate<SubmitCaseRequest>();
        api.MapGet("/by-code/{trackingCode}", GetByTrackingCode).WithName("GetCaseByTrackingCode")
            .WithSummary("The status of a case, by the personal code the citizen was given.");
        api.MapGet("/{caseId:guid}", GetCase).WithName("GetCase")
            .WithSummary("A case with its full history (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        api.MapPost("/{caseId:guid}/status", ChangeStatus).WithName("ChangeCaseStatus")
            .WithSummary("Moves a case to a new status; If-Match with the case's ETag guards against concurrent changes (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ChangeCaseStatusRequest>();
        return api;
    }

    private static async Task<IResult> SubmitCase(SubmitCaseRequest request, IDocumentSession session, CitizenDirectoryCheck citizens, TimeProvider clock, CancellationToken ct)
    {
        // A case for a citizen the council does not know would never reach anyone's history.
        if (request.CitizenId is { } citizenId) await citizens.EnsureExistsAsync(citizenId, ct);
        var procedure = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(request.ProcedureCode!), ct);
        var command = new SubmitCase(Guid.NewGuid(), TrackingCode.New(), request.ProcedureCode!, request.CitizenId,
            request.Channel!, request.Summary?.Trim(), clock.GetUtcNow());
        var result = await session.DecideAndAppendAsync(Case.StreamKey(command.CaseId), Case.Initial, Case.Evolve,
            state => SubmitCaseDecision.Decide(command, state, procedure), ct);
        return TypedResults.Created($"/api/procedures/cases/by-code/{command.TrackingCode}",
            new { command.CaseId, command.TrackingCode, Status = result.State.Status, result.Version });
    }

    /// <summary>Anyone holding the code may read the status — that is what the code is for — but only the
    /// status: no citizen id, no summary.</summary>
    private static async Task<IResult> GetByTrackingCode(string trackingCode, IQuerySession session, CancellationToken ct)
    {
        var code = TrackingCode.Require(trackingCode);
        var view = await session.Query<CaseView>().Where(c => c.TrackingCode == code).FirstOrDefaultAsync(ct)
            ?? throw Rejection.NotFound("No case has this tracking code.");
        var procedure = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(view.ProcedureCode), ct);
        return TypedResults.Ok(new
        {
            view.TrackingCode, view.ProcedureCode, ProcedureName = procedure?.Names, view.Status, view.SubmittedAt, view.UpdatedAt,
            History = view.History,
        });
    }

    private static async Task<IResult> GetCase(Guid caseId, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<CaseView>(Case.StreamKey(caseId), ct) ?? throw Rejection.NotFound("There is no such case.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> ChangeStatus(Guid caseId, ChangeCaseStatusRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ChangeCaseStatus(caseId, request.Status!.Value, request.Note?.Trim(), clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Case.StreamKey(caseId), Case.Initial, Case.Evolve,
            state => ChangeCaseStatusDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new { caseId, result.State.Status, result.Version });
    }
}
