using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Campaigns;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Campaigns;

public class CampaignTests
{
    private const string Code = "school-aid-2026";
    private static readonly LocalizedText Names = new("Ajuts escolars 2026", "Ayudas escolares 2026", "School aid 2026");
    private static readonly DateOnly March1 = new(2026, 3, 1);
    private static readonly DateOnly March31 = new(2026, 3, 31);
    private static readonly IReadOnlySet<string> Catalogue = new HashSet<string> { "school-aid", "school-meals", CensusCode };

    private static OpenCampaign Open(DateOnly opensOn, DateOnly closesOn, params string[] procedures) =>
        new(Code, Names, procedures.Length == 0 ? ["school-aid", "school-meals"] : procedures, opensOn, closesOn, Monday, Clerk);

    private static CampaignOpened Opened(DateOnly opensOn, DateOnly closesOn) =>
        new(Code, Names, ["school-aid", "school-meals"], opensOn, closesOn, Monday, Clerk);

    private static CloseCampaign Close(DateOnly today) => new(Code, today, Tuesday, Clerk);

    [Fact]
    public void Opening_a_campaign_over_published_procedures_records_it()
    {
        var command = Open(March1, March31);

        Given.Campaign()
            .When(state => CampaignDecisions.Decide(command, state, Catalogue))
            .Then(new CampaignOpened(Code, Names, command.ProcedureCodes, March1, March31, Monday, Clerk));
    }

    [Fact]
    public void A_campaign_may_last_a_single_day()
    {
        var command = Open(March1, March1);

        Given.Campaign()
            .When(state => CampaignDecisions.Decide(command, state, Catalogue))
            .Then(new CampaignOpened(Code, Names, command.ProcedureCodes, March1, March1, Monday, Clerk));
    }

    [Fact]
    public void A_campaign_cannot_close_before_it_opens()
    {
        Given.Campaign()
            .When(state => CampaignDecisions.Decide(Open(March31, March1), state, Catalogue))
            .ThenInvalid("closesOn");
    }

    [Fact]
    public void A_campaign_over_procedures_not_in_the_catalogue_is_refused_naming_them()
    {
        var rejection = Given.Campaign()
            .When(state => CampaignDecisions.Decide(Open(March1, March31, "school-aid", "sports-grants", "summer-camps"), state, Catalogue))
            .ThenInvalid("procedureCodes");

        Assert.Contains("sports-grants", rejection.Message);
        Assert.Contains("summer-camps", rejection.Message);
        Assert.DoesNotContain("school-aid", rejection.Message);
    }

    [Fact]
    public void Opening_a_campaign_twice_is_a_conflict()
    {
        Given.Campaign(Opened(March1, March31))
            .When(state => CampaignDecisions.Decide(Open(March1, March31), state, Catalogue))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Closing_an_open_campaign_early_ends_it_now_making_yesterday_its_last_day()
    {
        var today = new DateOnly(2026, 3, 10);

        Given.Campaign(Opened(March1, March31))
            .When(state => CampaignDecisions.Decide(Close(today), state))
            .Then(new CampaignClosedEarly(Code, today.AddDays(-1), Tuesday, Clerk));
    }

    [Fact]
    public void Closing_a_campaign_on_its_opening_day_means_it_is_not_open_at_all()
    {
        Given.Campaign(Opened(March1, March31))
            .When(state => CampaignDecisions.Decide(Close(March1), state))
            .Then(new CampaignClosedEarly(Code, March1.AddDays(-1), Tuesday, Clerk));
    }

    [Fact]
    public void A_campaign_closed_early_cannot_be_closed_again_even_before_its_old_last_day()
    {
        Given.Campaign(Opened(March1, March31), new CampaignClosedEarly(Code, new DateOnly(2026, 2, 28), Monday, Clerk))
            .When(state => CampaignDecisions.Decide(Close(new DateOnly(2026, 2, 10)), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Closing_a_campaign_that_has_not_opened_yet_means_it_never_opens()
    {
        var scenario = Given.Campaign(Opened(March1, March31));

        scenario.When(state => CampaignDecisions.Decide(Close(new DateOnly(2026, 2, 10)), state))
            .Then(new CampaignClosedEarly(Code, new DateOnly(2026, 2, 28), Tuesday, Clerk));

        var after = Campaign.Evolve(scenario.State, new CampaignClosedEarly(Code, new DateOnly(2026, 2, 28), Tuesday, Clerk));
        Assert.True(after.ClosesOn < after.OpensOn);
    }

    [Fact]
    public void Closing_an_unknown_campaign_is_not_found()
    {
        Given.Campaign()
            .When(state => CampaignDecisions.Decide(Close(March1), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void A_campaign_already_over_cannot_be_closed_again()
    {
        Given.Campaign(Opened(March1, March31))
            .When(state => CampaignDecisions.Decide(Close(new DateOnly(2026, 4, 1)), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void A_campaign_closed_early_is_over_the_next_day()
    {
        Given.Campaign(Opened(March1, March31), new CampaignClosedEarly(Code, new DateOnly(2026, 3, 10), Monday, Clerk))
            .When(state => CampaignDecisions.Decide(Close(new DateOnly(2026, 3, 11)), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Evolving_keeps_the_dates_and_an_early_closure_moves_the_last_day()
    {
        var opened = Given.Campaign(Opened(March1, March31)).State;
        var closed = Campaign.Evolve(opened, new CampaignClosedEarly(Code, new DateOnly(2026, 3, 10), Tuesday, Clerk));

        Assert.Equal(new Campaign(true, March1, March31), opened);
        Assert.Equal(new Campaign(true, March1, new DateOnly(2026, 3, 10), ClosedEarly: true), closed);
        Assert.False(Given.Campaign().State.Exists);
    }

    [Theory]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-03-01", true)]
    [InlineData("2026-03-15", true)]
    [InlineData("2026-03-31", true)]
    [InlineData("2026-04-01", false)]
    public void A_campaign_is_open_from_its_first_to_its_last_day_inclusive(string day, bool open)
    {
        var view = new CampaignView { Code = Code, OpensOn = March1, ClosesOn = March31 };

        Assert.Equal(open, view.IsOpenOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_campaign_request_needs_a_kebab_code_names_in_three_languages_procedures_and_dates()
    {
        var validator = new CampaignRequestValidator();

        Assert.True(validator.Validate(new CampaignRequest(Code, Names, ["school-aid"], March1, March31)).IsValid);
        var fields = validator.Validate(new CampaignRequest("School Aid", Names with { Es = "" }, [], null, null))
            .Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Equal(new HashSet<string> { "Code", "Names.Es", "ProcedureCodes", "OpensOn", "ClosesOn" }, fields);
    }
}
