using Microsoft.AspNetCore.Identity;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.DemoData;

/// <summary>
/// One demo account per role for each council of <c>DemoData:Tenants</c> (default <c>mataro</c>) when
/// <c>DemoData:Enabled</c> is true: user name <c>&lt;council&gt;.&lt;role&gt;</c> (e.g. <c>mataro.agent</c>, <c>mataro.backoffice</c>), password from the secret
/// <c>Identity:DemoStaff:&lt;council&gt;:&lt;role&gt;</c> (tools/run.sh generates it and prints it; it is never in the
/// repository). A role without a password gets no account. An existing account keeps its password.
/// </summary>
public static class DemoStaff
{
    public const string PasswordSection = "Identity:DemoStaff";

    /// <summary>The role as a configuration key and in the user name: letters only (<c>back-office</c> → <c>backoffice</c>),
    /// so the password's environment variable is a valid shell name.</summary>
    public static string Key(string role) => role.Replace("-", "", StringComparison.Ordinal);

    public static string UserName(string council, string role) => $"{council}.{Key(role)}";

    public static async Task LoadAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        var tenants = configuration.GetSection("DemoData:Tenants").Get<string[]>() is { Length: > 0 } t ? t : ["mataro"];
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        foreach (var council in tenants)
            foreach (var role in StaffRoles.All)
            {
                var password = configuration[$"{PasswordSection}:{council}:{Key(role)}"];
                var name = UserName(council, role);
                if (string.IsNullOrEmpty(password))
                {
                    logger.LogInformation("No demo password for {Account} ({Section}:{Council}:{Role}): no demo account", name, PasswordSection, council, Key(role));
                    continue;
                }
                if (await users.FindByNameAsync(name) is not null) continue;
                var created = await users.CreateAsync(new StaffAccount { UserName = name, Council = council, StaffRole = role, LockoutEnabled = true }, password);
                if (!created.Succeeded)
                    logger.LogWarning("Demo account {Account} not created: {Errors}", name, string.Join("; ", created.Errors.Select(e => e.Code)));
            }
    }
}
