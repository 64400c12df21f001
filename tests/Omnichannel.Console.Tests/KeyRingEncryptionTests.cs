using System.Security.Cryptography;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omnichannel.StaffConsole.Session;
using Omnichannel.Testing;

namespace Omnichannel.Console.Tests;

/// <summary>The console's data-protection key ring (cookies, the devices' secrets) is encrypted at rest with
/// <c>Console:KeyRingKey</c>, on a real PostgreSQL: what a database dump holds is no usable key, a restart with the same
/// secret reads what the previous process protected, and keys stored plain before the upgrade are still read.</summary>
public sealed class KeyRingEncryptionTests : IAsyncLifetime
{
    private IDocumentStore store = null!;
    private readonly string secret = Tokens.NewSecret();

    public async Task InitializeAsync()
    {
        var connection = await TestServers.NewDatabaseAsync();
        store = DocumentStore.For(o =>
        {
            o.Connection(connection);
            o.DatabaseSchemaName = "console";
            o.Schema.For<KeyRingEntry>();
        });
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The console's data protection as it wires it, over <see cref="store"/>: one process's worth.</summary>
    private ServiceProvider Console(string keyRingKey)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("omnichannel-console");
        services.AddSingleton(store);
        services.AddSingleton(new KeyRingKey(keyRingKey));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyRingSetup>();
        return services.BuildServiceProvider();
    }

    private async Task<List<KeyRingEntry>> StoredAsync()
    {
        await using var session = store.QuerySession();
        return (await session.Query<KeyRingEntry>().ToListAsync()).ToList();
    }

    [Fact]
    public async Task A_stored_key_is_encrypted_and_a_restart_with_the_same_secret_reads_what_the_last_process_protected()
    {
        string cookie;
        using (var before = Console(secret))
            cookie = before.GetDataProtector("staff-session").Protect("a signed-in member of staff");

        var stored = Assert.Single(await StoredAsync());
        var key = XElement.Parse(stored.Xml);
        // The secret part: in clear in a masterKey element without encryption, in an encryptedSecret element with it.
        Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "masterKey");
        Assert.Single(key.Descendants(), e => e.Name.LocalName == "encryptedSecret");
        Assert.Contains(nameof(KeyRingDecryptor), stored.Xml);

        using var after = Console(secret);
        Assert.Equal("a signed-in member of staff", after.GetDataProtector("staff-session").Unprotect(cookie));
    }

    [Fact]
    public async Task Without_the_secret_the_stored_keys_protect_nothing_that_can_be_read()
    {
        string cookie;
        using (var before = Console(secret))
            cookie = before.GetDataProtector("staff-session").Protect("a signed-in member of staff");

        using var other = Console(Tokens.NewSecret());
        Assert.ThrowsAny<CryptographicException>(() => other.GetDataProtector("staff-session").Unprotect(cookie));
    }

    [Fact]
    public async Task A_key_stored_plain_before_the_upgrade_is_still_read()
    {
        string cookie;
        using (var plain = new ServiceCollection().AddDataProtection().SetApplicationName("omnichannel-console").Services
                   .AddSingleton(store)
                   .AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new KeyRing(store)))
                   .BuildServiceProvider())
            cookie = plain.GetDataProtector("staff-session").Protect("signed in before the upgrade");
        Assert.Single(await StoredAsync(), e => e.Xml.Contains("<masterKey"));

        using var upgraded = Console(secret);
        Assert.Equal("signed in before the upgrade", upgraded.GetDataProtector("staff-session").Unprotect(cookie));
    }

    [Fact]
    public void A_missing_or_short_secret_stops_the_console_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => new KeyRingKey(null));
        Assert.Throws<InvalidOperationException>(() => new KeyRingKey("too short"));
    }
}
