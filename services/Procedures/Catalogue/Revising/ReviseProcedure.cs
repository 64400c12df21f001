using Omnichannel.BuildingBlocks.Domain;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Procedures.Catalogue.Revising;

public sealed record ReviseProcedure(string Code, ProcedureDetails Details, DateTimeOffset At, string By);

public static class ReviseProcedureDecision
{
    /// <summary>Only a published procedure is revised; sending the same details again records nothing.</summary>
    public static IReadOnlyList<object> Decide(ReviseProcedure command, Procedure state)
    {
        if (state.Status == ProcedureStatus.Unknown)
            throw Rejection.NotFound($"There is no procedure '{command.Code}'.");
        if (state.Status == ProcedureStatus.Withdrawn)
            throw Rejection.Conflict($"Procedure '{command.Code}' is withdrawn; publish it again instead.");
        Procedure.EnsureCoherent(command.Details);
        if (state.Details!.SameAs(command.Details)) return [];
        return [new ProcedureRevised(command.Code, command.Details, command.At, command.By)];
    }
}

/// <summary>PUT /api/procedures/{code} (staff), guarded by If-Match.</summary>
public static class ReviseProcedureEndpoint
{
    public static async Task<IResult> Handle(string code, ProcedureRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request.Code != code) throw Rejection.Invalid("code", $"The body's code '{request.Code}' differs from the address's '{code}'.");
        var command = new ReviseProcedure(code, request.ToDetails(), clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Procedure.StreamKey(code), Procedure.Initial, Procedure.Evolve,
            state => ReviseProcedureDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new ProcedureRevision(code, result.Version, result.Events.Count > 0));
    }
}

/// <summary>What a revision answers: the version (the new ETag) and whether anything changed.</summary>
public sealed record ProcedureRevision(string Code, long Version, bool Changed);
