using System.CommandLine;
using Omnichannel.Cli;

// One RootCommand; every tool is a subcommand built in its own file under Commands/ (CliRoot lists them).
// Ctrl-C cancels the running command's token; an export then finishes its file and prints its position,
// so it is given time to do so before the process is ended.
return await CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration
{
    ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
});
