using System.CommandLine;
using Omnichannel.Cli;

namespace Omnichannel.Analysts.Tests;

/// <summary>The analysts' commands as an analyst runs them, on a month of contacts.</summary>
public sealed class CommandsTests(DemandEvents events) : IClassFixture<DemandEvents>
{
    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliRoot.Create().Parse([.. args, "--connection", events.ConnectionString]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Demand_prints_its_tables_with_the_split_and_the_shift()
    {
        var (code, output, error) = await CliAsync("demand", "--council", "mataro", "--from", "2026-09-01", "--to", "2026-11-01",
            "--split", "2026-10-01", "--compare-from", "2026-08-01", "--compare-to", "2026-09-01");
        Assert.True(code == 0, error);
        Assert.Contains("Contacts per channel", output);
        Assert.Contains("general-line", output);
        Assert.Contains("Waiting and service times", output);
        Assert.Contains("Before and after 2026-10-01", output);
        Assert.Contains("Channel shift", output);
    }

    [Fact]
    public async Task Forecast_prints_the_method_and_the_managers_needed()
    {
        var (code, output, error) = await CliAsync("forecast", "--channel", "phone", "--campaign", "2026-10-01..2026-10-10");
        Assert.True(code == 0, error);
        Assert.Contains("exponentially weighted", output);
        Assert.Contains("managers needed", output);
    }

    [Fact]
    public async Task Indicators_print_csv_for_the_portal()
    {
        var (code, output, error) = await CliAsync("indicators", "--council", "mataro", "--month", "2026-10", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.StartsWith("council,month,indicator", output);
    }

    [Theory]
    [InlineData("demand", "--from", "2026-11-01", "--to", "2026-10-01")]
    [InlineData("forecast", "--campaign", "2026-10-10..2026-10-01")]
    [InlineData("indicators", "--month", "2026-13")]
    public async Task Bad_input_exits_non_zero_with_a_message(params string[] args)
    {
        var (code, _, error) = await CliAsync(args);
        Assert.Equal(2, code);
        Assert.NotEqual("", error.Trim());
    }

    /// <summary>Every command that reads the event tables ends alike when the database cannot be read: exit 3, a message.</summary>
    [Theory]
    [InlineData("demand")]
    [InlineData("forecast", "--channel", "phone")]
    [InlineData("indicators", "--month", "2026-10")]
    [InlineData("export", "--output", "-")]
    public async Task A_database_that_cannot_be_reached_exits_3_with_a_message(params string[] args)
    {
        var error = new StringWriter();
        var code = await CliRoot.Create().Parse([.. args, "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=3"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(3, code);
        Assert.Contains("Cannot read the event store", error.ToString());
    }
}
