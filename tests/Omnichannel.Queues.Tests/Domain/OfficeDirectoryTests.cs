using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.OfficeDirectory;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Offices.Configuring;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>Queues' view of the office directory: lines only on offices the directory registered.</summary>
public class OfficeDirectoryTests
{
    private static readonly LocalizedText Name = new("Centre Cívic Cerdanyola", "Centro Cívico Cerdanyola", "Cerdanyola Civic Centre");
    private static OfficeDescribed Described(DateTimeOffset at, string calendar = "on-site") => new("cc-cerdanyola", Name, "Mataró", calendar, 2, at);

    [Fact]
    public void Configuring_lines_on_an_office_the_directory_never_registered_is_refused_naming_it()
    {
        var rejection = Assert.Throws<Rejection>(() => ConfigureOfficeDecision.Decide(DemoData.DemoLines.For("cc-cerdanyola", Nine)!, OfficeState.Initial));

        Assert.Equal(RejectionKind.NotFound, rejection.Kind);
        Assert.Contains("'cc-cerdanyola'", rejection.Message);
    }

    [Fact]
    public void A_registered_office_takes_its_name_and_calendar_from_the_directory_and_can_get_lines()
    {
        var known = OfficeState.Evolve(OfficeState.Initial, Assert.Single(OfficeDirectoryDecisions.Decide(Described(Nine), OfficeState.Initial)));

        var configured = ConfigureOfficeDecision.Decide(DemoData.DemoLines.For("cc-cerdanyola", Nine)!, known).Aggregate(known, OfficeState.Evolve);

        Assert.Equal((Name, "on-site", true), (configured.Names, configured.Calendar, configured.Exists));
        Assert.Equal([ServiceLines.General, ServiceLines.Appointment], configured.Lines.Select(l => l.Line));
    }

    [Fact]
    public void A_repeated_or_older_description_changes_nothing_and_a_newer_one_does()
    {
        var known = OfficeState.Evolve(OfficeState.Initial, Described(Nine));

        Assert.Empty(OfficeDirectoryDecisions.Decide(Described(Nine), known));
        Assert.Empty(OfficeDirectoryDecisions.Decide(Described(Nine.AddMinutes(-5), "phone"), known));
        var changed = OfficeState.Evolve(known, Assert.Single(OfficeDirectoryDecisions.Decide(Described(Nine.AddMinutes(5), "phone"), known)));
        Assert.Equal("phone", changed.Calendar);
    }

    [Fact]
    public void A_closure_day_is_noted_once()
    {
        var closure = new OfficeClosureNoted("cc-cerdanyola", Date, "Vaga", Nine);
        var noted = OfficeState.Evolve(OfficeState.Initial, Assert.Single(OfficeDirectoryDecisions.Decide(closure, OfficeState.Initial)));

        Assert.Empty(OfficeDirectoryDecisions.Decide(closure, noted));
        Assert.Contains(Date, noted.Closures);
    }
}
