using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
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

internal sealed class KeyRingSetup(IDocumentStore store, KeyRingKey key) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        options.XmlRepository = new KeyRing(store);
        // Keys are encrypted at rest by the framework's own hook: each new key's secret part goes through this encryptor,
        // and the stored XML names the decryptor. Keys written before (plain) are still read as they are.
        options.XmlEncryptor = new KeyRingEncryptor(key);
    }
}

/// <summary>The secret that encrypts the key ring at rest (<c>Console:KeyRingKey</c>, from a secret: at least 32
/// characters, e.g. 32 random bytes in hex). A database dump without it cannot read the cookies or the devices' secrets.
/// Replacing it makes the stored keys unreadable: everyone signs in again and devices are paired again.</summary>
public sealed class KeyRingKey
{
    public const string Setting = "Console:KeyRingKey";

    internal byte[] Bytes { get; }

    public KeyRingKey(string? secret)
    {
        if (secret is null || secret.Trim().Length < 32)
            throw new InvalidOperationException($"{Setting} is not set or shorter than 32 characters: the console's key ring must be encrypted at rest.");
        // A key of the right length from any long enough secret, bound to this one use.
        Bytes = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret.Trim()), 32, info: "omnichannel-console-key-ring"u8.ToArray());
    }
}

/// <summary>AES-GCM with <see cref="KeyRingKey"/>: nonce, tag and ciphertext in one base64 value.</summary>
public sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    internal static readonly XName Element = "encryptedWithKeyRingKey";
    private const int NonceSize = 12, TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealed_ = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealed_.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, plain, sealed_.AsSpan(NonceSize + TagSize), sealed_.AsSpan(NonceSize, TagSize));
        return new EncryptedXmlInfo(new XElement(Element, new XElement("value", Convert.ToBase64String(sealed_))), typeof(KeyRingDecryptor));
    }
}

/// <summary>Made by the framework from the type name stored with each encrypted key.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private const int NonceSize = 12, TagSize = 16;

    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingKey>();
        var sealed_ = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var plain = new byte[sealed_.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Decrypt(sealed_.AsSpan(0, NonceSize), sealed_.AsSpan(NonceSize + TagSize), sealed_.AsSpan(NonceSize, TagSize), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
