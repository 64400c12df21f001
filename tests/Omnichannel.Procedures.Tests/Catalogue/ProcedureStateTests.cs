using Omnichannel.Procedures.Catalogue;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Catalogue;

public class ProcedureStateTests
{
    [Fact]
    public void A_procedure_with_no_events_is_unknown()
    {
        Assert.Equal(ProcedureStatus.Unknown, Given.Procedure().State.Status);
        Assert.Null(Given.Procedure().State.Details);
    }

    [Fact]
    public void Publishing_makes_it_published_with_the_published_details()
    {
        var details = Details();

        var state = Given.Procedure(Published(details)).State;

        Assert.Equal(ProcedureStatus.Published, state.Status);
        Assert.Same(details, state.Details);
    }

    [Fact]
    public void A_revision_replaces_the_details_and_keeps_it_published()
    {
        var revised = Details(minutes: 2);

        var state = Given.Procedure(Published(), new ProcedureRevised(CensusCode, revised, Tuesday, Clerk)).State;

        Assert.Equal(ProcedureStatus.Published, state.Status);
        Assert.Same(revised, state.Details);
    }

    [Fact]
    public void Withdrawal_keeps_the_last_details()
    {
        var details = Details();

        var state = Given.Procedure(Published(details), new ProcedureWithdrawn(CensusCode, "Obsolete", Tuesday, Clerk)).State;

        Assert.Equal(ProcedureStatus.Withdrawn, state.Status);
        Assert.Same(details, state.Details);
    }

    [Fact]
    public void Publishing_again_after_withdrawal_takes_the_new_details()
    {
        var again = Details(minutes: 3);

        var state = Given.Procedure(Published(), new ProcedureWithdrawn(CensusCode, "Obsolete", Tuesday, Clerk), Published(again)).State;

        Assert.Equal(ProcedureStatus.Published, state.Status);
        Assert.Same(again, state.Details);
    }

    [Fact]
    public void Events_of_other_kinds_leave_the_state_alone()
    {
        var before = Given.Procedure(Published()).State;

        Assert.Same(before, Procedure.Evolve(before, "something else"));
    }

    [Fact]
    public void The_stream_key_is_the_code_under_procedure()
    {
        Assert.Equal("procedure:census-registration", Procedure.StreamKey(CensusCode));
    }
}
