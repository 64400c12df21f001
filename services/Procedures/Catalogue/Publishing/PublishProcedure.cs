using Omnichannel.BuildingBlocks.Domain;

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
