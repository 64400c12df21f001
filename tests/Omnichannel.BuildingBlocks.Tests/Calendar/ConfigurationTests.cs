using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Calendar;
using Xunit;
using static Omnichannel.BuildingBlocks.Tests.Calendar.CalendarTestData;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

public class ConfigurationTests
{
    private const string AppSettings = """
        {
          "BusinessCalendar": {
            "TimeZone": "Europe/Madrid",
            "Holidays": [ "2026-12-24" ],
            "UseCatalanHolidays": true,
            "Calendars": {
              "on-site": {
                "Monday": [ "09:00-14:00", "16:00-19:00" ],
                "Tuesday": [ "09:00-18:00" ],
                "Wednesday": [ "09:00-18:00" ],
                "Thursday": [ "09:00-18:00" ],
                "Friday": [ "09:00-15:00" ]
              },
              "whatsapp-operators": { "Saturday": [ "10:00-13:00" ] }
            }
          }
        }
        """;

    [Fact]
    public void Calendars_are_read_from_the_BusinessCalendar_section()
    {
        var calendars = Resolve(FromJson(AppSettings));

        var onSite = calendars.For("on-site");
        Assert.Equal([OpeningHours.Parse("09:00-14:00"), OpeningHours.Parse("16:00-19:00")], onSite.HoursOn(DayOfWeek.Monday));
        Assert.False(onSite.IsOpen(At("2026-01-12T15:00+01:00"))); // midday break
        Assert.True(onSite.IsOpen(At("2026-01-12T18:30+01:00")));
        Assert.True(onSite.IsHoliday(Day("2026-12-24")));        // configured
        Assert.True(onSite.IsHoliday(Day("2026-12-25")));        // Catalan
        Assert.True(calendars.For("whatsapp-operators").IsOpen(At("2026-01-10T10:00+01:00")));
    }

    [Fact]
    public void Calendars_not_configured_keep_the_Mataro_defaults()
    {
        var calendars = Resolve(FromJson(AppSettings));

        Assert.Equal(["civic-centre", "on-site", "phone", "whatsapp-operators"], calendars.Names);
        Assert.Equal([OpeningHours.Parse("09:00-21:00")], calendars.For("civic-centre").HoursOn(DayOfWeek.Friday));
        Assert.Equal([OpeningHours.Parse("08:30-18:00")], calendars.For("phone").HoursOn(DayOfWeek.Thursday));
        Assert.Equal([OpeningHours.Parse("08:30-15:00")], calendars.For("phone").HoursOn(DayOfWeek.Friday));
    }

    [Fact]
    public void A_configured_calendar_replaces_the_default_rather_than_merging_with_it()
    {
        var calendars = Resolve(FromPairs(("BusinessCalendar:Calendars:on-site:Monday:0", "10:00-12:00")));

        var onSite = calendars.For("on-site");
        Assert.Equal([OpeningHours.Parse("10:00-12:00")], onSite.HoursOn(DayOfWeek.Monday));
        Assert.Empty(onSite.HoursOn(DayOfWeek.Tuesday));
    }

    [Fact]
    public void Without_a_section_the_defaults_apply()
    {
        var calendars = Resolve(FromPairs());

        Assert.True(calendars.For("on-site").IsOpen(At("2026-01-12T09:00+01:00")));
        Assert.True(calendars.For("phone").IsOpen(At("2026-01-12T08:30+01:00")));
        Assert.True(calendars.For("on-site").IsHoliday(Day("2026-04-03")));
    }

    [Fact]
    public void Calendar_names_are_case_insensitive()
    {
        var calendars = Resolve(FromPairs());

        Assert.Same(calendars.For("on-site"), calendars.For("On-Site"));
    }

    [Fact]
    public void An_unknown_calendar_name_is_reported_with_the_known_ones()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Resolve(FromPairs()).For("fax"));

        Assert.Contains("\"fax\"", error.Message);
        Assert.Contains("on-site, phone", error.Message);
    }

    [Theory]
    [InlineData("BusinessCalendar:Calendars:on-site:Monday:0", "9-18",
        "BusinessCalendar:Calendars:on-site:Monday: \"9-18\" is not a time range in the form \"HH:mm-HH:mm\"")]
    [InlineData("BusinessCalendar:Calendars:on-site:Monday:0", "09:60-18:00",
        "BusinessCalendar:Calendars:on-site:Monday: \"09:60-18:00\" is not a time range")]
    [InlineData("BusinessCalendar:Calendars:on-site:Monday:0", "24:00-24:00",
        "BusinessCalendar:Calendars:on-site:Monday: \"24:00-24:00\" is not a time range")]
    [InlineData("BusinessCalendar:Calendars:on-site:Friday:0", "18:00-09:00",
        "BusinessCalendar:Calendars:on-site:Friday: \"18:00-09:00\" closes before it opens.")]
    [InlineData("BusinessCalendar:Calendars:on-site:Friday:0", "09:00-09:00",
        "BusinessCalendar:Calendars:on-site:Friday: \"09:00-09:00\" closes before it opens.")]
    [InlineData("BusinessCalendar:TimeZone", "Europe/Madird",
        "BusinessCalendar:TimeZone: \"Europe/Madird\" is not a known time zone")]
    [InlineData("BusinessCalendar:Holidays:0", "2026-13-01",
        "BusinessCalendar:Holidays: \"2026-13-01\" is not a date in the form \"yyyy-MM-dd\".")]
    [InlineData("BusinessCalendar:Calendars:kiosk:Holidays:0", "24/12/2026",
        "BusinessCalendar:Calendars:kiosk:Holidays: \"24/12/2026\" is not a date")]
    public void Invalid_settings_are_rejected_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(FromPairs((key, value))));

        Assert.Contains(error.Failures, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_hours_are_rejected()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(FromPairs(
            ("BusinessCalendar:Calendars:on-site:Monday:0", "09:00-14:00"),
            ("BusinessCalendar:Calendars:on-site:Monday:1", "13:00-19:00"))));

        Assert.Contains("BusinessCalendar:Calendars:on-site:Monday: \"09:00-14:00\" and \"13:00-19:00\" overlap.", error.Failures);
    }

    [Fact]
    public void A_calendar_with_no_hours_at_all_is_rejected()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(FromPairs(
            ("BusinessCalendar:Calendars:kiosk:Holidays:0", "2026-07-27"))));

        Assert.Contains(error.Failures, f => f.StartsWith("BusinessCalendar:Calendars:kiosk: has no opening hours", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(FromPairs(
            ("BusinessCalendar:TimeZone", "Mars/Olympus"),
            ("BusinessCalendar:Calendars:phone:Monday:0", "8:30-18:00"),
            ("BusinessCalendar:Holidays:0", "tomorrow"))));

        Assert.Equal(3, error.Failures.Count());
    }

    [Theory]
    [InlineData("BusinessCalendar:Calendars:on-site:Munday:0", "09:00-18:00", "BusinessCalendar:Calendars:on-site:Munday: unknown setting")]
    [InlineData("BusinessCalendar:Holiday:0", "2026-12-24", "BusinessCalendar:Holiday: unknown setting")]
    public void A_misspelt_key_is_not_silently_ignored(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(FromPairs((key, value))));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_does_not_start_with_invalid_opening_hours()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("BusinessCalendar:Calendars:phone:Monday:0", "18:00-08:30")]);
        builder.Services.AddBusinessCalendars(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(error.Failures, f => f.Contains("\"18:00-08:30\" closes before it opens", StringComparison.Ordinal));
    }

    [Fact]
    public void The_registry_is_a_singleton()
    {
        using var provider = new ServiceCollection().AddBusinessCalendars(FromPairs()).BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<IBusinessCalendars>(), provider.GetRequiredService<IBusinessCalendars>());
    }

    [Fact]
    public void Adding_the_calendars_twice_registers_them_once()
    {
        var services = new ServiceCollection().AddBusinessCalendars(FromPairs()).AddBusinessCalendars(FromPairs());

        Assert.Single(services, s => s.ServiceType == typeof(IBusinessCalendars));
        Assert.Single(services, s => s.ServiceType == typeof(IValidateOptions<BusinessCalendarOptions>));
    }

    private static IBusinessCalendars Resolve(IConfiguration configuration)
    {
        using var provider = new ServiceCollection().AddBusinessCalendars(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IBusinessCalendars>();
    }

    private static IConfiguration FromJson(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static IConfiguration FromPairs(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
            .Build();
}
