using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Cases.ChangingStatus;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Cases;

public class ChangingStatusTests
{
    private static readonly Guid CaseId = new("5b0c8f1e-7d0a-4c55-9d3e-2f5a1c6b7e01");
    private static readonly Guid CitizenId = new("0f6e3a43-2d7b-4f0e-8a54-91c7d8e2b6aa");
    private const string Code = "K7QM4-TZP9C";
    private const string Officer = "officer-7";

    private static readonly CaseSubmitted Submitted = new(CaseId, Code, CensusCode, CitizenId, Channels.Kiosk, "Moving house", Monday);

    private static CaseStatusChanged Changed(CaseStatus status, string? note = null, DateTimeOffset? at = null) =>
        new(CaseId, Code, CensusCode, CitizenId, status, note, at ?? Monday, Officer);

    private static ChangeCaseStatus Change(CaseStatus status, string? note = null) => new(CaseId, status, note, Wednesday, Officer);

    [Fact]
    public void Taking_a_case_into_review_records_it_with_the_cases_code_procedure_and_citizen()
    {
        Given.Case(Submitted)
            .When(state => ChangeCaseStatusDecision.Decide(Change(CaseStatus.InReview, "Checking the address"), state))
            .Then(new CaseStatusChanged(CaseId, Code, CensusCode, CitizenId, CaseStatus.InReview, "Checking the address", Wednesday, Officer));
    }

    [Fact]
    public void The_published_change_takes_code_procedure_and_citizen_from_the_stream_not_the_command()
    {
        var other = new ChangeCaseStatus(Guid.NewGuid(), CaseStatus.InReview, null, Wednesday, Officer);

        var changed = Assert.IsType<CaseStatusChanged>(Assert.Single(
            Given.Case(Submitted).When(state => ChangeCaseStatusDecision.Decide(other, state)).Events));

        Assert.Equal((CaseId, Code, CensusCode, (Guid?)CitizenId), (changed.CaseId, changed.TrackingCode, changed.ProcedureCode, changed.CitizenId));
    }

    [Theory]
    [InlineData(CaseStatus.InReview)]
    [InlineData(CaseStatus.AwaitingCitizen)]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Rejected)]
    public void A_submitted_case_can_move_to_any_later_status(CaseStatus status)
    {
        Given.Case(Submitted)
            .When(state => ChangeCaseStatusDecision.Decide(Change(status, "Note"), state))
            .Then(new CaseStatusChanged(CaseId, Code, CensusCode, CitizenId, status, "Note", Wednesday, Officer));
    }

    [Fact]
    public void A_case_goes_back_to_review_once_the_citizen_has_answered()
    {
        Given.Case(Submitted, Changed(CaseStatus.InReview), Changed(CaseStatus.AwaitingCitizen, "Bring the rental contract"))
            .When(state => ChangeCaseStatusDecision.Decide(Change(CaseStatus.InReview), state))
            .Then(new CaseStatusChanged(CaseId, Code, CensusCode, CitizenId, CaseStatus.InReview, null, Wednesday, Officer));
    }

    [Fact]
    public void Changing_an_unknown_case_is_not_found()
    {
        Given.Case()
            .When(state => ChangeCaseStatusDecision.Decide(Change(CaseStatus.InReview), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Theory]
    [InlineData(CaseStatus.Resolved, CaseStatus.InReview)]
    [InlineData(CaseStatus.Resolved, CaseStatus.Rejected)]
    [InlineData(CaseStatus.Resolved, CaseStatus.Submitted)]
    [InlineData(CaseStatus.Rejected, CaseStatus.Resolved)]
    [InlineData(CaseStatus.Rejected, CaseStatus.AwaitingCitizen)]
    [InlineData(CaseStatus.Rejected, CaseStatus.Rejected)]
    public void A_closed_case_cannot_change_any_more(CaseStatus closedAs, CaseStatus wanted)
    {
        var rejection = Given.Case(Submitted, Changed(CaseStatus.InReview), Changed(closedAs, "Done"))
            .When(state => ChangeCaseStatusDecision.Decide(Change(wanted, "Reopening"), state))
            .ThenRejected(RejectionKind.Conflict);

        Assert.Contains(closedAs.ToString(), rejection.Message);
    }

    [Theory]
    [InlineData(CaseStatus.InReview)]
    [InlineData(CaseStatus.AwaitingCitizen)]
    public void Moving_a_case_to_the_status_it_is_in_is_a_conflict(CaseStatus status)
    {
        Given.Case(Submitted, Changed(status, "Note"))
            .When(state => ChangeCaseStatusDecision.Decide(Change(status, "Note"), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Submitting_a_submitted_case_again_is_a_conflict()
    {
        Given.Case(Submitted)
            .When(state => ChangeCaseStatusDecision.Decide(Change(CaseStatus.Submitted), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Theory]
    [InlineData(CaseStatus.InReview)]
    [InlineData(CaseStatus.AwaitingCitizen)]
    public void A_case_cannot_go_back_to_Submitted(CaseStatus current)
    {
        Given.Case(Submitted, Changed(current, "Note"))
            .When(state => ChangeCaseStatusDecision.Decide(Change(CaseStatus.Submitted), state))
            .ThenInvalid("status");
    }

    [Fact]
    public void Each_status_change_moves_the_state_and_the_last_closed_status_closes_it()
    {
        var reviewing = Given.Case(Submitted, Changed(CaseStatus.InReview)).State;
        var resolved = Case.Evolve(reviewing, Changed(CaseStatus.Resolved));

        Assert.Equal(CaseStatus.InReview, reviewing.Status);
        Assert.False(reviewing.IsClosed);
        Assert.Equal(CaseStatus.Resolved, resolved.Status);
        Assert.True(resolved.IsClosed);
        Assert.Equal(reviewing with { Status = CaseStatus.Resolved }, resolved);
    }

    [Theory]
    [InlineData(CaseStatus.Submitted, false)]
    [InlineData(CaseStatus.InReview, false)]
    [InlineData(CaseStatus.AwaitingCitizen, false)]
    [InlineData(CaseStatus.Resolved, true)]
    [InlineData(CaseStatus.Rejected, true)]
    public void Only_resolved_and_rejected_cases_are_closed(CaseStatus status, bool closed)
    {
        Assert.Equal(closed, (Case.Initial with { Status = status, Exists = true }).IsClosed);
    }

    [Theory]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.AwaitingCitizen)]
    public void Rejecting_or_asking_the_citizen_for_something_needs_a_note(CaseStatus status)
    {
        var validator = new ChangeCaseStatusRequestValidator();

        Assert.Equal(["Note"], validator.Validate(new ChangeCaseStatusRequest(status, null)).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Note"], validator.Validate(new ChangeCaseStatusRequest(status, "  ")).Errors.Select(e => e.PropertyName));
        Assert.True(validator.Validate(new ChangeCaseStatusRequest(status, "Bring the rental contract")).IsValid);
    }

    [Theory]
    [InlineData(CaseStatus.InReview)]
    [InlineData(CaseStatus.Resolved)]
    public void Other_statuses_need_no_note(CaseStatus status)
    {
        Assert.True(new ChangeCaseStatusRequestValidator().Validate(new ChangeCaseStatusRequest(status, null)).IsValid);
    }

    [Fact]
    public void A_status_request_needs_a_known_status_and_a_note_of_at_most_2000_characters()
    {
        var validator = new ChangeCaseStatusRequestValidator();

        Assert.Equal(["Status"], validator.Validate(new ChangeCaseStatusRequest(null, null)).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Status"], validator.Validate(new ChangeCaseStatusRequest((CaseStatus)42, null)).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Note"], validator.Validate(new ChangeCaseStatusRequest(CaseStatus.Resolved, new string('n', 2001))).Errors.Select(e => e.PropertyName));
    }
}
