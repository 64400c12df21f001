using Omnichannel.BuildingBlocks.Domain;

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
