using System.CommandLine;
using Omnichannel.Cli.Analysts;

namespace Omnichannel.Cli.Commands;

/// <summary><c>grants [--role omnichannel_analyst] [--database omnichannel] [--password-env VAR]</c>: prints the SQL that
/// creates the analysts' read-only role and grants it SELECT on every listed service's event tables; an operator runs it
/// with psql as the database owner (<c>… grants | psql "$ADMIN_URL"</c>).</summary>
public static class GrantsCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "Role name.", DefaultValueFactory = _ => "omnichannel_analyst" };
        var database = new Option<string>("--database") { Description = "Database the services use.", DefaultValueFactory = _ => "omnichannel" };
        var passwordVariable = new Option<string?>("--password-env") { Description = "Environment variable holding the role's password (never on the command line)." };
        var command = new Command("grants", "Print the SQL creating the analysts' read-only role with SELECT on every service's event tables.")
        {
            role, database, passwordVariable,
        };
        command.SetAction(parseResult =>
        {
            string? password = null;
            if (parseResult.GetValue(passwordVariable) is { } variable)
            {
                password = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(password))
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"{variable} is not set.");
                    return 2;
                }
            }
            parseResult.InvocationConfiguration.Output.Write(AnalystGrants.Sql(parseResult.GetValue(role)!, parseResult.GetValue(database)!, password));
            return 0;
        });
        return command;
    }
}
