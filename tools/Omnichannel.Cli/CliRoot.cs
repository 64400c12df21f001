using System.CommandLine;
using Omnichannel.Cli.Commands;

namespace Omnichannel.Cli;

public static class CliRoot
{
    public static RootCommand Create() => new("Omnichannel command-line tools")
    {
        TokenCommand.Create(),
        ClientTokenCommand.Create(),
        ExportCommand.Create(),
        GrantsCommand.Create(),
        DemandCommand.Create(),
        ForecastCommand.Create(),
        IndicatorsCommand.Create(),
        ReplayCommand.Create(),
    };
}
