using Omnichannel.BuildingBlocks.Domain;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Procedures.Catalogue.Publishing;

public sealed record PublishProcedure(string Code, ProcedureDetails Details, DateTimeOffset At, string By);

public static class PublishProcedureDecision
{
    /// <summary>A code is published once; a withdrawn procedure may be published again.</summary>
    public static IReadOnlyList<object> Decide(PublishProcedure command, Procedure state)
    {
        if (state.Status == ProcedureStatus.Published)
            throw Rejection.Conflict($"Procedure '{command.Code}' is already published; revise it instead.");
        Procedure.EnsureCoherent(command.Details);
        return [new ProcedurePublished(command.Code, command.Details, command.At, command.By)];
    }
}

/// <summary>POST /api/procedures (staff).</summary>
public static class PublishProcedureEndpoint
{
    public static async Task<IResult> Handle(ProcedureRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new PublishProcedure(request.Code!, request.ToDetails(), clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Procedure.StreamKey(command.Code), Procedure.Initial, Procedure.Evolve,
            state => PublishProcedureDecision.Decide(command, state), ct);
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Created($"/api/procedures/{command.Code}", new ProcedureVersion(command.Code, result.Version));
    }
}
