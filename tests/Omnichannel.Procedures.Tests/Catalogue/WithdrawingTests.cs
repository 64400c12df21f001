using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Withdrawing;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Catalogue;

public class WithdrawingTests
{
    private static readonly WithdrawProcedure Withdraw = new(CensusCode, "Replaced by the online-only procedure", Tuesday, Clerk);

    [Fact]
    public void Withdrawing_a_published_procedure_records_why_when_and_who()
    {
        Given.Procedure(Published())
            .When(state => WithdrawProcedureDecision.Decide(Withdraw, state))
            .Then(new ProcedureWithdrawn(CensusCode, "Replaced by the online-only procedure", Tuesday, Clerk));
    }

    [Fact]
    public void A_revised_procedure_can_be_withdrawn()
    {
        Given.Procedure(Published(), new ProcedureRevised(CensusCode, Details(minutes: 2), Monday, Clerk))
            .When(state => WithdrawProcedureDecision.Decide(Withdraw, state))
            .Then(new ProcedureWithdrawn(CensusCode, Withdraw.Reason, Tuesday, Clerk));
    }

    [Fact]
    public void Withdrawing_an_unknown_procedure_is_not_found()
    {
        Given.Procedure()
            .When(state => WithdrawProcedureDecision.Decide(Withdraw, state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Withdrawing_twice_is_a_conflict()
    {
        Given.Procedure(Published(), new ProcedureWithdrawn(CensusCode, "Obsolete", Monday, Clerk))
            .When(state => WithdrawProcedureDecision.Decide(Withdraw, state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void A_procedure_published_again_after_withdrawal_can_be_withdrawn_again()
    {
        Given.Procedure(Published(), new ProcedureWithdrawn(CensusCode, "Obsolete", Monday, Clerk), Published())
            .When(state => WithdrawProcedureDecision.Decide(Withdraw, state))
            .Then(new ProcedureWithdrawn(CensusCode, Withdraw.Reason, Tuesday, Clerk));
    }
}
