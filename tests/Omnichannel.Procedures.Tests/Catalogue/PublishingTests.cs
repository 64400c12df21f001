using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Publishing;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Catalogue;

public class PublishingTests
{
    private static PublishProcedure Publish(ProcedureDetails details, string code = CensusCode) => new(code, details, Tuesday, Clerk);

    [Fact]
    public void Publishing_a_new_code_records_the_procedure_with_its_details_time_and_author()
    {
        var details = Details();

        Given.Procedure()
            .When(state => PublishProcedureDecision.Decide(Publish(details), state))
            .Then(new ProcedurePublished(CensusCode, details, Tuesday, Clerk));
    }

    [Fact]
    public void Publishing_a_code_that_is_already_published_is_a_conflict()
    {
        Given.Procedure(Published())
            .When(state => PublishProcedureDecision.Decide(Publish(Details(minutes: 3)), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Publishing_a_code_already_revised_is_still_a_conflict()
    {
        Given.Procedure(Published(), new ProcedureRevised(CensusCode, Details(minutes: 3), Monday, Clerk))
            .When(state => PublishProcedureDecision.Decide(Publish(Details()), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void A_withdrawn_procedure_can_be_published_again()
    {
        var details = Details(minutes: 2);

        Given.Procedure(Published(), new ProcedureWithdrawn(CensusCode, "Replaced", Monday, Clerk))
            .When(state => PublishProcedureDecision.Decide(Publish(details), state))
            .Then(new ProcedurePublished(CensusCode, details, Tuesday, Clerk));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(15)]
    [InlineData(480)]
    public void Point0_refuses_procedures_longer_than_five_minutes(int minutes)
    {
        var rejection = Given.Procedure()
            .When(state => PublishProcedureDecision.Decide(Publish(Details(channels: [Channels.Point0], minutes: minutes)), state))
            .ThenInvalid("channels");

        Assert.Contains(minutes.ToString(), rejection.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Point0_serves_procedures_of_up_to_five_minutes(int minutes)
    {
        var details = Details(channels: [Channels.Point0], minutes: minutes);

        Given.Procedure()
            .When(state => PublishProcedureDecision.Decide(Publish(details), state))
            .Then(new ProcedurePublished(CensusCode, details, Tuesday, Clerk));
    }

    [Fact]
    public void A_long_procedure_is_fine_on_channels_other_than_Point0()
    {
        var details = Details(channels: [Channels.Appointment, Channels.Phone], minutes: 45);

        Given.Procedure()
            .When(state => PublishProcedureDecision.Decide(Publish(details), state))
            .Then(new ProcedurePublished(CensusCode, details, Tuesday, Clerk));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_procedure_offered_online_needs_its_eOffice_link(string? url)
    {
        Given.Procedure()
            .When(state => PublishProcedureDecision.Decide(Publish(Details(channels: [Channels.Online], eOfficeUrl: url)), state))
            .ThenInvalid("eOfficeUrl");
    }

    [Fact]
    public void A_procedure_not_offered_online_needs_no_eOffice_link()
    {
        var details = Details(channels: [Channels.Kiosk, Channels.Phone], eOfficeUrl: null);

        Given.Procedure()
            .When(state => PublishProcedureDecision.Decide(Publish(details), state))
            .Then(new ProcedurePublished(CensusCode, details, Tuesday, Clerk));
    }

    [Fact]
    public void Republishing_a_withdrawn_procedure_must_be_coherent_too()
    {
        Given.Procedure(Published(), new ProcedureWithdrawn(CensusCode, "Replaced", Monday, Clerk))
            .When(state => PublishProcedureDecision.Decide(Publish(Details(channels: [Channels.Point0], minutes: 20)), state))
            .ThenInvalid("channels");
    }
}
