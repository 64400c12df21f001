using Omnichannel.BuildingBlocks.Domain;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Procedures.Catalogue.Withdrawing;

public sealed record WithdrawProcedure(string Code, string Reason, DateTimeOffset At, string By);

public sealed record WithdrawRequest(string? Reason);

public static class WithdrawProcedureDecision
{
    public static IReadOnlyList<object> Decide(WithdrawProcedure command, Procedure state) => state.Status switch
    {
        ProcedureStatus.Unknown => throw Rejection.NotFound($"There is no procedure '{command.Code}'."),
        ProcedureStatus.Withdrawn => throw Rejection.Conflict($"Procedure '{command.Code}' is already withdrawn."),
        _ => [new ProcedureWithdrawn(command.Code, command.Reason, command.At, command.By)],
    };
}

/// <summary>POST /api/procedures/{code}/withdrawal (staff).</summary>
public static class WithdrawProcedureEndpoint
{
    public static async Task<IResult> Handle(string code, [FromBody] WithdrawRequest? request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new WithdrawProcedure(code, request?.Reason?.Trim() ?? "", clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Procedure.StreamKey(code), Procedure.Initial, Procedure.Evolve,
            state => WithdrawProcedureDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        return TypedResults.Ok(new ProcedureVersion(code, result.Version));
    }
}
