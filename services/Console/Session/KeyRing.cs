using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Omnichannel.StaffConsole.Session;

/// <summary>One data-protection key, as ASP.NET Core writes it.</summary>
public sealed class KeyRingEntry
{
    public string Id { get; set; } = "";
    public string Xml { get; set; } = "";
}

/// <summary>The data-protection key ring in PostgreSQL: every replica of the console reads the cookies and the
/// protected tokens the others wrote, and a restart signs no one out.</summary>
internal sealed class KeyRing(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        // IXmlRepository is synchronous (read once per key-ring refresh, every few hours); Marten only reads asynchronously.
        return session.Query<KeyRingEntry>().ToListAsync().GetAwaiter().GetResult().Select(e => XElement.Parse(e.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new KeyRingEntry { Id = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        // IXmlRepository is synchronous; key creation is rare (at first start and every 90 days).
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}

internal sealed class KeyRingSetup(IDocumentStore store) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) => options.XmlRepository = new KeyRing(store);
}
