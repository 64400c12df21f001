using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Cases.Submitting;
using Omnichannel.Procedures.Catalogue.Browsing;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Cases;

public class SubmittingTests
{
    private static readonly Guid CaseId = new("5b0c8f1e-7d0a-4c55-9d3e-2f5a1c6b7e01");
    private static readonly Guid CitizenId = new("0f6e3a43-2d7b-4f0e-8a54-91c7d8e2b6aa");
    private const string Code = "K7QM4-TZP9C";

    private static ProcedureView Offered(params string[] channels) => new()
    {
        Code = CensusCode, Names = CensusNames, Channels = [.. channels],
    };

    private static SubmitCase Submit(string channel, Guid? citizenId = null, string? summary = "Moving to Carrer Major 1") =>
        new(CaseId, Code, CensusCode, citizenId, channel, summary, Tuesday);

    [Fact]
    public void Submitting_on_a_channel_the_procedure_is_offered_on_records_the_case()
    {
        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.Kiosk, CitizenId), state, Offered(Channels.Kiosk, Channels.Online)))
            .Then(new CaseSubmitted(CaseId, Code, CensusCode, CitizenId, Channels.Kiosk, "Moving to Carrer Major 1", Tuesday));
    }

    [Fact]
    public void An_anonymous_case_without_a_summary_is_accepted()
    {
        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.Kiosk, citizenId: null, summary: null), state, Offered(Channels.Kiosk)))
            .Then(new CaseSubmitted(CaseId, Code, CensusCode, null, Channels.Kiosk, null, Tuesday));
    }

    [Fact]
    public void Telegram_is_refused_for_a_procedure_offered_only_through_chat()
    {
        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.Telegram, CitizenId), state, Offered(Channels.Chat)))
            .ThenInvalid("channel");
    }

    [Theory]
    [InlineData(Channels.Email)]
    [InlineData(Channels.Telegram)]
    [InlineData(Channels.WhatsApp)]
    [InlineData(Channels.OnSite)]
    public void Any_channel_of_the_one_list_is_accepted_when_the_procedure_lists_it(string channel)
    {
        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(channel, CitizenId), state, Offered(Channels.Online, channel)))
            .Then(new CaseSubmitted(CaseId, Code, CensusCode, CitizenId, channel, "Moving to Carrer Major 1", Tuesday));
    }

    [Theory]
    [InlineData(Channels.Kiosk)]
    [InlineData(Channels.Point0)]
    [InlineData(Channels.Phone)]
    [InlineData(Channels.Appointment)]
    [InlineData(Channels.Chat)]
    [InlineData(Channels.Email)] // "assisted" channels no longer help with any procedure: the catalogue says where it is done
    [InlineData(Channels.Telegram)]
    [InlineData(Channels.WhatsApp)]
    [InlineData(Channels.OnSite)]
    public void A_channel_the_procedure_is_not_offered_on_is_refused(string channel)
    {
        var rejection = Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(channel), state, Offered(Channels.Online)))
            .ThenInvalid("channel");

        Assert.Contains(Channels.Online, rejection.Message);
    }

    [Fact]
    public void A_case_for_a_procedure_not_in_the_catalogue_is_not_found()
    {
        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.Kiosk), state, procedure: null))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void A_withdrawn_procedure_takes_no_more_cases()
    {
        var withdrawn = Offered(Channels.Kiosk);
        withdrawn.Withdrawn = true;

        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.Kiosk), state, withdrawn))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void A_withdrawn_procedure_takes_no_cases_even_through_assisted_channels()
    {
        var withdrawn = Offered(Channels.Kiosk);
        withdrawn.Withdrawn = true;

        Given.Case()
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.OnSite), state, withdrawn))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void The_same_case_cannot_be_submitted_twice()
    {
        Given.Case(new CaseSubmitted(CaseId, Code, CensusCode, CitizenId, Channels.Kiosk, null, Monday))
            .When(state => SubmitCaseDecision.Decide(Submit(Channels.Kiosk), state, Offered(Channels.Kiosk)))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void A_submitted_case_starts_in_Submitted_with_what_later_decisions_need()
    {
        var state = Given.Case(new CaseSubmitted(CaseId, Code, CensusCode, CitizenId, Channels.Kiosk, null, Monday)).State;

        Assert.Equal(new Case(CaseId, Code, CensusCode, CitizenId, CaseStatus.Submitted, true), state);
        Assert.False(state.IsClosed);
    }

    [Fact]
    public void A_complete_submit_request_is_valid()
    {
        Assert.True(new SubmitCaseRequestValidator().Validate(new SubmitCaseRequest(CensusCode, CitizenId, Channels.WhatsApp, "Hola")).IsValid);
        Assert.True(new SubmitCaseRequestValidator().Validate(new SubmitCaseRequest(CensusCode, null, Channels.Kiosk, null)).IsValid);
    }

    [Theory]
    [InlineData(null, "kiosk", false, 0, "ProcedureCode")]
    [InlineData("census-registration", null, false, 0, "Channel")]
    [InlineData("census-registration", "fax", false, 0, "Channel")]
    [InlineData("census-registration", "Kiosk", false, 0, "Channel")]
    [InlineData("census-registration", "kiosk", true, 0, "CitizenId")]
    [InlineData("census-registration", "kiosk", false, 2001, "Summary")]
    public void A_submit_request_names_the_field_at_fault(string? procedure, string? channel, bool emptyCitizen, int summaryLength, string field)
    {
        var request = new SubmitCaseRequest(procedure, emptyCitizen ? Guid.Empty : null, channel, new string('s', summaryLength));

        var fields = new SubmitCaseRequestValidator().Validate(request).Errors.Select(e => e.PropertyName).Distinct();

        Assert.Equal([field], fields);
    }
}
