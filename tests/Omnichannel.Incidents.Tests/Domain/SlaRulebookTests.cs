using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>SLA targets per council and kind, as a deployment configures them ("Incidents" section).</summary>
public sealed class SlaRulebookTests
{
    private static SlaRulebook Rulebook(Dictionary<string, string?> settings)
    {
        var options = new IncidentsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(IncidentsOptions.Section).Bind(options);
        return new SlaRulebook(Options.Create(options), new BusinessCalendars(new BusinessCalendarOptions()));
    }

    [Fact]
    public void Without_configuration_a_first_answer_is_due_in_6_working_hours_and_only_a_technical_incident_has_a_24_hour_resolution()
    {
        var rules = Rulebook([]);
        Assert.Equal(new SlaRules(new SlaTarget(6, true), null), rules.For("mataro", "complaint"));
        Assert.Equal(new SlaRules(new SlaTarget(6, true), new SlaTarget(24, false)), rules.For("mataro", "technical-incident"));
        Assert.Equal("on-site", rules.CalendarNameFor("whatsapp"));
    }

    [Fact]
    public void A_councils_target_for_a_kind_wins_over_its_default_then_the_kind_then_the_default_field_by_field()
    {
        var rules = Rulebook(new()
        {
            ["Incidents:Targets:default:FirstAnswerHours"] = "8",
            ["Incidents:Targets:complaint:ResolutionHours"] = "120",
            ["Incidents:Councils:el-prat:Targets:default:FirstAnswerHours"] = "4",
            ["Incidents:Councils:el-prat:Targets:complaint:FirstAnswerHours"] = "2",
            ["Incidents:Councils:el-prat:Targets:technical-incident:ResolutionHours"] = "16",
            ["Incidents:ChannelCalendars:phone"] = "phone",
        });

        Assert.Equal(new SlaRules(new SlaTarget(2, true), new SlaTarget(120, true)), rules.For("el-prat", "complaint"));
        Assert.Equal(new SlaRules(new SlaTarget(4, true), new SlaTarget(16, false)), rules.For("el-prat", "technical-incident"));
        Assert.Equal(new SlaRules(new SlaTarget(8, true), new SlaTarget(120, true)), rules.For("mataro", "complaint"));
        Assert.Equal(new SlaRules(new SlaTarget(8, true), null), rules.For("mataro", "suggestion"));
        Assert.Equal("phone", rules.CalendarNameFor("phone"));
    }

    [Fact]
    public void A_target_that_is_not_positive_or_an_unknown_kind_is_reported_naming_its_key()
    {
        var options = new IncidentsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:Targets:complain:FirstAnswerHours"] = "6",
            ["Incidents:Councils:el-prat:Targets:default:ResolutionHours"] = "0",
        }).Build().GetSection(IncidentsOptions.Section).Bind(options);

        Assert.Equal(
            ["Incidents:Targets:complain: not a kind (l1-question, l2-online-procedure, complaint, suggestion, technical-incident or default).",
             "Incidents:Councils:el-prat:Targets:default:ResolutionHours must be positive."],
            options.Problems());
    }
}
