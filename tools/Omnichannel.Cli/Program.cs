using System.CommandLine;
using Omnichannel.Cli.Commands;

// One RootCommand; every tool is a subcommand built in its own file under Commands/.
// To add one (e.g. the analysts' replay): write Commands/ReplayCommand.cs with a static
// Create() returning a Command, and list it here.
var root = new RootCommand("Omnichannel command-line tools")
{
    TokenCommand.Create(),
    ClientTokenCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
