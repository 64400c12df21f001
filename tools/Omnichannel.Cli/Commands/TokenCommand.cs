using System.CommandLine;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Cli.Commands;

/// <summary>
/// <c>token --role staff|channel-app|service --tenant ID [--subject S] [--hours N]</c>: prints an HS256 bearer
/// token signed with the key in <c>Auth__SigningKey</c> (the same variable the services read), and
/// nothing else on stdout, so scripts can capture it: <c>STAFF=$(omni token --role staff --tenant mataro)</c>.
/// </summary>
public static class TokenCommand
{
    public const string SigningKeyVariable = "Auth__SigningKey";
    public const string IssuerVariable = "Auth__Issuer";
    public const string AudienceVariable = "Auth__Audience";

    public static Command Create()
    {
        var role = new Option<string>("--role")
        {
            Description = "Role claim of the token.",
            Required = true,
        };
        role.AcceptOnlyFromAmong(OmnichannelRoles.Staff, OmnichannelRoles.ChannelApp, OmnichannelRoles.Service);

        var tenant = new Option<string>("--tenant")
        {
            Description = "Tenant (council) id, e.g. mataro.",
            Required = true,
        };

        var subject = new Option<string?>("--subject")
        {
            Description = "Subject (sub claim); defaults to local-<role>.",
        };

        var hours = new Option<double>("--hours")
        {
            Description = "Lifetime in hours.",
            DefaultValueFactory = _ => 12,
        };
        hours.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (value <= 0 || value > 24 * 366)
                result.AddError("--hours must be greater than 0 and at most a year.");
        });

        var command = new Command("token", $"Issue a bearer token signed with ${SigningKeyVariable}.")
        {
            role, tenant, subject, hours,
        };

        command.SetAction(parseResult => Run(
            parseResult.GetValue(role)!,
            parseResult.GetValue(tenant)!,
            parseResult.GetValue(subject),
            parseResult.GetValue(hours),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string role, string tenant, string? subject, double hours, TextWriter output, TextWriter error)
    {
        var key = Environment.GetEnvironmentVariable(SigningKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            error.WriteLine($"{SigningKeyVariable} is not set: export the signing key the services use (tools/run.sh keeps it in .local/dev-secrets.env).");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(tenant))
        {
            error.WriteLine("--tenant must not be empty.");
            return 2;
        }

        var settings = new JwtSettings { SigningKey = key };
        if (Environment.GetEnvironmentVariable(IssuerVariable) is { Length: > 0 } issuer)
            settings.Issuer = issuer;
        if (Environment.GetEnvironmentVariable(AudienceVariable) is { Length: > 0 } audience)
            settings.Audience = audience;

        try
        {
            var token = TokenIssuer.Issue(settings, role, tenant, subject ?? $"local-{role}", TimeSpan.FromHours(hours));
            output.WriteLine(token);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            // e.g. a signing key shorter than 32 bytes
            error.WriteLine(ex.Message);
            return 2;
        }
    }
}
