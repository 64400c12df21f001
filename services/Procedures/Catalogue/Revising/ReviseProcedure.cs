using Omnichannel.BuildingBlocks.Domain;

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
