extern alias analytics;
using System.Reflection;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// Every stored event's string members are declared personal or not personal, next to the event
/// (services/BuildingBlocks/PersonalData). Two nets: this test over every type of every service that declares anything,
/// and the session guard, on in development and tests, that refuses to store an event of a type with an undeclared string
/// member — so any test that stores a new, undeclared event type fails naming it.
/// </summary>
public sealed class PersonalDataDeclarationTests
{
    public static readonly IReadOnlyList<ServiceSetup> Services =
    [
        Omnichannel.Procedures.ProceduresService.Setup, Omnichannel.Citizens.CitizensService.Setup,
        Omnichannel.Appointments.AppointmentsService.Setup, Omnichannel.Queues.QueuesService.Setup,
        Omnichannel.Incidents.IncidentsService.Setup, Omnichannel.Kiosks.KiosksService.Setup,
        Omnichannel.Messaging.MessagingService.Setup, Omnichannel.Identity.IdentityService.Setup,
        analytics::Omnichannel.Analytics.AnalyticsService.Setup, Omnichannel.StaffConsole.ConsoleService.Setup,
    ];

    [Fact]
    public void Every_listed_service_is_checked()
    {
        var checkedNames = Services.Select(s => s.Name).ToHashSet();
        Assert.All(Omnichannel.AppHost.PlatformServices.All, s => Assert.Contains(s.Name, checkedNames));
    }

    [Fact]
    public void Every_event_type_that_declares_personal_data_declares_every_string_member()
    {
        var undeclared = Services.Select(s => s.Assembly).Append(typeof(ServiceSetup).Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(PersonalFields.IsDeclared)
            .Select(t => (Type: t, Missing: PersonalFields.Undeclared(t)))
            .Where(x => x.Missing.Count > 0)
            .Select(x => $"{x.Type.FullName}: {string.Join(", ", x.Missing)}")
            .ToList();
        Assert.True(undeclared.Count == 0, "declare these [Personal] or [NotPersonal]:\n" + string.Join("\n", undeclared));
    }

    /// <summary>A service erases a citizen's data on request exactly when its declarations say it holds some (a personal
    /// member, or an event naming a <c>CitizenId</c>): the erasure request waits for a confirmation from each.</summary>
    [Fact]
    public void A_service_consumes_erasure_requests_exactly_when_it_declares_citizens_data()
    {
        var wrong = Services
            .Select(s => (s.Name, Declares: s.HoldsCitizenData, Erases: SubscriptionListTests.ConsumerTypes(s).Contains(typeof(CitizenErasureRequestedConsumer))))
            .Where(s => s.Declares != s.Erases)
            .Select(s => s.Declares ? $"{s.Name} declares citizens' data but does not consume erasure requests (does it publish? its confirmation leaves through its outbox)"
                : $"{s.Name} consumes erasure requests but declares no citizen's data")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Naming_a_citizen_is_holding_their_data_and_staff_accounts_access_is_not()
    {
        Assert.False(Omnichannel.Identity.IdentityService.Setup.HoldsCitizenData); // staff accounts only
        Assert.True(Omnichannel.Queues.QueuesService.Setup.HoldsCitizenData); // tickets name a CitizenId, no [Personal] member
        Assert.True(PersonalFields.NamesCitizen(typeof(TicketTaken)));
        Assert.False(PersonalFields.NamesCitizen(typeof(SomethingHappened)));
    }

    [Fact]
    public void The_guard_refuses_an_event_type_with_an_undeclared_string_member_and_names_it()
    {
        Assert.NotEmpty(PersonalFields.Undeclared(typeof(SomethingHappened)));
        Assert.Contains("Words", PersonalFields.Undeclared(typeof(SomethingHappened)));
        Assert.Empty(PersonalFields.Undeclared(typeof(Omnichannel.Citizens.ChannelIdentityLinked)));
    }

    [Fact]
    public void Masking_blanks_personal_members_and_keeps_the_others()
    {
        var linked = new Omnichannel.Citizens.ChannelIdentityLinked(Guid.NewGuid(), "phone", "+34612345678", DateTimeOffset.UnixEpoch);
        Assert.Equal(["+34612345678"], PersonalFields.PersonalValues(linked));
        PersonalFields.Mask(linked);
        Assert.Equal(PersonalFields.Masked, linked.Value);
        Assert.Equal("phone", linked.Kind);
    }

    private sealed record SomethingHappened([NotPersonal] string Kind, string Words);

    private sealed record TicketTaken([NotPersonal] string Number, Guid? CitizenId);
}
