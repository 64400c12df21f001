using Microsoft.Extensions.Configuration;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Reporting;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>A category's attributes (Open311's service attributes): a streetlight's pole number kept with the report,
/// read by its datatype, required ones enforced, and nothing kept that the category does not ask for.</summary>
public sealed class CategoryAttributeTests
{
    private static readonly DateTimeOffset Monday9 = Madrid(2026, 11, 23, 9);
    private static readonly IncidentCategory Streetlight = CategoryCatalogue.Demo.Single(c => c.Code == "streetlight");
    private static readonly IncidentLocation CarrerNou = new(41.5402, 2.4445, null);

    private static Scenario<Incident> Given() => Scenario<Incident>.Given(Incident.Initial, Incident.Evolve, []);

    private static ReportIncident Report(string category, Dictionary<string, string>? attributes) =>
        new(Ref, IncidentKinds.Complaint, "The streetlight flickers.", null, null, CarrerNou, Monday9, category, Attributes: attributes);

    private static IReadOnlyList<ReportedAttribute>? Reported(IncidentCategory category, Dictionary<string, string>? attributes) =>
        ((IncidentReported)Assert.Single(Given().When(s => ReportIncidentDecision.Decide(Report(category.Code, attributes), s, false, Question, "on-site", OnSite, category)).Events)).Attributes;

    [Fact]
    public void A_streetlights_pole_number_is_kept_with_the_report_and_attributes_the_category_does_not_have_are_left_out()
    {
        var pole = Assert.Single(Streetlight.Attributes);
        Assert.Equal(("pole_number", CategoryAttribute.Text, false), (pole.Code, pole.Datatype, pole.Required));

        Assert.Equal([new ReportedAttribute("pole_number", "F-1234")],
            Reported(Streetlight, new() { ["pole_number"] = "  F-1234 ", ["colour"] = "green" }));
        Assert.Null(Reported(Streetlight, null)); // not required: a citizen may not see the plate
        Assert.Null(Reported(Streetlight, new() { ["pole_number"] = "   " }));
    }

    [Theory]
    [InlineData("Call 600 123 123, I'm Anna!")] // free text is no pole number
    [InlineData("<script>")]
    [InlineData("-1234")]
    [InlineData("F-123456789012345678901")]      // 23 characters
    public void A_pole_number_that_is_not_an_identifier_as_printed_on_a_pole_is_invalid_naming_the_attribute(string value)
    {
        var refused = Given().When(s => ReportIncidentDecision.Decide(Report("streetlight", new() { ["pole_number"] = value }), s, false, Question, "on-site", OnSite, Streetlight))
            .ThenInvalid("attribute[pole_number]");
        Assert.Contains("Pole number", refused.Message);
    }

    [Fact]
    public void A_councils_category_declares_its_attributes_a_required_one_must_be_given_and_a_number_is_read_as_a_number()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:Councils:mataro:Categories:bench:En"] = "Broken bench",
            ["Incidents:Councils:mataro:Categories:bench:LocationRequired"] = "true",
            ["Incidents:Councils:mataro:Categories:bench:Attributes:seats:En"] = "Seats broken",
            ["Incidents:Councils:mataro:Categories:bench:Attributes:seats:Datatype"] = "number",
            ["Incidents:Councils:mataro:Categories:bench:Attributes:seats:Required"] = "true",
        }).Build();
        var bench = new CategoryCatalogue(configuration).Find("mataro", "bench")!;
        var seats = Assert.Single(bench.Attributes);
        Assert.Equal(("seats", CategoryAttribute.Number, true, "Seats broken"), (seats.Code, seats.Datatype, seats.Required, seats.Description.En));

        Given().When(s => ReportIncidentDecision.Decide(Report("bench", null), s, false, Question, "on-site", OnSite, bench)).ThenInvalid("attribute[seats]");
        Given().When(s => ReportIncidentDecision.Decide(Report("bench", new() { ["seats"] = "two" }), s, false, Question, "on-site", OnSite, bench)).ThenInvalid("attribute[seats]");
        Assert.Equal([new ReportedAttribute("seats", "2")], Reported(bench, new() { ["seats"] = " 2 " }));
    }

    [Fact]
    public void A_category_without_attributes_keeps_none_whatever_the_report_gives()
    {
        var pothole = CategoryCatalogue.Demo.Single(c => c.Code == "pothole");
        Assert.Empty(pothole.Attributes);
        Assert.Null(Reported(pothole, new() { ["pole_number"] = "F-1234" }));
    }
}
