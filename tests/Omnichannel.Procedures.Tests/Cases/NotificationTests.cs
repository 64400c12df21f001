using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Cases.AccessingNotifications;
using Omnichannel.Procedures.Cases.IssuingNotifications;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Cases;

/// <summary>Official notifications of a case: issued by staff to the case's citizen, delivered at the first access.</summary>
public class NotificationTests
{
    private static readonly Guid CaseId = new("5b0c8f1e-7d0a-4c55-9d3e-2f5a1c6b7e02");
    private static readonly Guid CitizenId = new("0f6e3a43-2d7b-4f0e-8a54-91c7d8e2b6ab");
    private static readonly Guid NotificationId = new("9d1f0a55-6b1c-4d0e-8f7a-3e2b1c0d9a01");
    private const string Code = "T7QM4-TZP9C";
    private const string Officer = "officer-7";
    private const string Title = "Resolució de l'alta al padró";
    private const string Body = "Us comuniquem que s'ha resolt favorablement la vostra sol·licitud.";

    private static readonly CaseSubmitted Submitted = new(CaseId, Code, CensusCode, CitizenId, Channels.Online, "Moving house", Monday);
    private static readonly NotificationIssued Issued = new(CaseId, NotificationId, Code, CensusCode, CitizenId, Title, Body, "ca", Tuesday, Officer);

    private static IssueNotification Issue(Guid? id = null) => new(CaseId, id ?? NotificationId, Title, Body, "ca", Tuesday, Officer);

    private static AccessNotification Access(Guid? citizen, string channel = Channels.Kiosk, Guid? notification = null) =>
        new(CaseId, notification ?? NotificationId, citizen, channel, "kiosk-3", Wednesday);

    [Fact]
    public void Staff_issue_a_notification_to_the_cases_citizen_with_the_cases_code_and_procedure()
    {
        Given.Case(Submitted)
            .When(state => IssueNotificationDecision.Decide(Issue(), state))
            .Then(Issued);
    }

    [Fact]
    public void A_closed_case_can_still_be_notified_its_resolution_usually_is()
    {
        Given.Case(Submitted, new CaseStatusChanged(CaseId, Code, CensusCode, CitizenId, CaseStatus.Resolved, "Done", Monday, Officer))
            .When(state => IssueNotificationDecision.Decide(Issue(), state))
            .Then(Issued);
    }

    [Fact]
    public void A_case_without_a_known_citizen_has_nobody_to_notify()
    {
        Given.Case(Submitted with { CitizenId = null })
            .When(state => IssueNotificationDecision.Decide(Issue(), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Notifying_an_unknown_case_is_not_found()
    {
        Given.Case()
            .When(state => IssueNotificationDecision.Decide(Issue(), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void The_first_access_is_recorded_with_its_channel_and_who_opened_it()
    {
        Given.Case(Submitted, Issued)
            .When(state => AccessNotificationDecision.Decide(Access(CitizenId), state))
            .Then(new NotificationAccessed(CaseId, NotificationId, Code, CensusCode, CitizenId, Channels.Kiosk, "kiosk-3", Wednesday));
    }

    [Fact]
    public void A_later_access_records_nothing_the_first_is_the_delivery()
    {
        var first = new NotificationAccessed(CaseId, NotificationId, Code, CensusCode, CitizenId, Channels.OnSite, Officer, Wednesday);
        Given.Case(Submitted, Issued, first)
            .When(state => AccessNotificationDecision.Decide(Access(CitizenId), state))
            .ThenNothingHappens();
    }

    [Fact]
    public void Staff_open_it_on_the_citizens_behalf_without_naming_the_citizen()
    {
        Given.Case(Submitted, Issued)
            .When(state => AccessNotificationDecision.Decide(Access(null, Channels.OnSite), state))
            .Then(new NotificationAccessed(CaseId, NotificationId, Code, CensusCode, CitizenId, Channels.OnSite, "kiosk-3", Wednesday));
    }

    [Fact]
    public void Another_citizens_notification_is_not_found()
    {
        Given.Case(Submitted, Issued)
            .When(state => AccessNotificationDecision.Decide(Access(Guid.NewGuid()), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void A_notification_the_case_never_had_is_not_found()
    {
        Given.Case(Submitted, Issued)
            .When(state => AccessNotificationDecision.Decide(Access(CitizenId, notification: Guid.NewGuid()), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Access_only_through_the_kiosk_the_web_or_the_desk()
    {
        Given.Case(Submitted, Issued)
            .When(state => AccessNotificationDecision.Decide(Access(CitizenId, Channels.Telegram), state))
            .ThenInvalid("channel");
    }

    [Fact]
    public void Issuing_needs_a_title_a_text_and_one_of_the_three_languages()
    {
        var validator = new IssueNotificationRequestValidator();
        var errors = validator.Validate(new IssueNotificationRequest("  ", null, "fr")).Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Equal(new HashSet<string> { "Title", "Body", "Language" }, errors);
        Assert.True(validator.Validate(new IssueNotificationRequest(Title, Body, "es")).IsValid);
    }
}
