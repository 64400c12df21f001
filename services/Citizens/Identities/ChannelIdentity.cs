using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Vocabulary;

namespace Omnichannel.Citizens.Identities;

public static class IdentityKinds
{
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Telegram = "telegram";
    public const string WhatsApp = "whatsapp";
    public const string NationalId = "national-id";

    public static readonly IReadOnlyList<string> All = [Phone, Email, Telegram, WhatsApp, NationalId];
}

/// <summary>A way to reach or recognise a citizen, in canonical form. A national id is never kept:
/// only its keyed hash, enough to recognise the person again and useless to anyone without the key.</summary>
public sealed record ChannelIdentity(string Kind, string Value)
{
    /// <summary>The key of the identity index: one identity belongs to one citizen per council.</summary>
    public string IndexKey => $"{Kind}:{Value}";
}

public static partial class ChannelIdentityRules
{
    private const string DniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";

    /// <summary>Canonical form of what was typed, or a rejection naming <paramref name="field"/> and why.</summary>
    public static ChannelIdentity Normalize(string kind, string? typed, string field, IdentityKeys keys)
    {
        var value = typed?.Trim() ?? "";
        if (value.Length == 0) throw Rejection.Invalid(field, "Empty.");
        return kind switch
        {
            IdentityKinds.Phone => new(kind, PhoneNumberRules.ToE164(value, field, keys.PhoneRegion)),
            IdentityKinds.WhatsApp => new(kind, PhoneNumberRules.ToE164(value, field, keys.PhoneRegion)),
            IdentityKinds.Email => new(kind, Email(value, field)),
            IdentityKinds.Telegram => new(kind, Telegram(value, field)),
            IdentityKinds.NationalId => new(kind, HashNationalId(NationalId(value, field), keys.NationalIdKey)),
            _ => throw Rejection.Invalid(field, $"Unknown identity kind; use one of: {string.Join(", ", IdentityKinds.All)}."),
        };
    }

    /// <summary>Lower case whole: the local part is case-sensitive only in theory, and a citizen who types
    /// Maria.Garcia@Example.com one day and maria.garcia@example.com the next is one person.</summary>
    public static string Email(string typed, string field)
    {
        var at = typed.LastIndexOf('@');
        var ok = at > 0 && at < typed.Length - 3 && typed.IndexOf('.', at) > at + 1 && !typed.Any(char.IsWhiteSpace) && typed.Length <= 254;
        return ok ? typed.ToLowerInvariant() : throw Rejection.Invalid(field, "Not an e-mail address.");
    }

    /// <summary>The canonical form of an identity as stored before today's rules (e-mails kept their local part's
    /// case): what <c>Evolve</c> and the index repair use so old records compare equal to new input.</summary>
    public static ChannelIdentity Canonical(string kind, string value) =>
        kind == IdentityKinds.Email ? new(kind, value.ToLowerInvariant()) : new(kind, value);

    /// <summary>Telegram identifies a private chat by a positive integer id.</summary>
    public static string Telegram(string typed, string field) =>
        long.TryParse(typed, out var id) && id > 0 ? id.ToString() : throw Rejection.Invalid(field, "Not a Telegram chat id (a positive number).");

    /// <summary>DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter), the letter being the number mod 23.</summary>
    public static string NationalId(string typed, string field)
    {
        var id = SeparatorsRegex().Replace(typed, "").ToUpperInvariant();
        var match = NationalIdRegex().Match(id);
        if (!match.Success)
            throw Rejection.Invalid(field, "Not a DNI or NIE: 8 digits and a letter (12345678Z), or X/Y/Z, 7 digits and a letter (X1234567L).");
        var number = id[0] switch { 'X' => "0" + id[1..8], 'Y' => "1" + id[1..8], 'Z' => "2" + id[1..8], _ => id[..8] };
        var expected = DniLetters[int.Parse(number) % 23];
        return id[^1] == expected ? id : throw Rejection.Invalid(field, "The check letter does not match the number: please check it for typos.");
    }

    public static string HashNationalId(string canonical, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));

    [GeneratedRegex(@"[\s\-\.\(\)]")] private static partial Regex SeparatorsRegex();
    [GeneratedRegex(@"^([0-9]{8}|[XYZ][0-9]{7})[A-Z]$")] private static partial Regex NationalIdRegex();
}

/// <summary>Which citizen an identity belongs to; written in the same transaction as the link event,
/// and its unique id is what stops one phone being linked to two citizens.</summary>
public sealed class IdentityIndexEntry
{
    public string Id { get; set; } = "";
    public Guid CitizenId { get; set; }

    /// <summary>The citizen's identities as the directory keys them (kind:value), digested (<see cref="IdentityDigest"/>):
    /// what the access export and the erasure request carry so a service finds records never linked to the citizen.</summary>
    public static async Task<IReadOnlyList<string>> DigestsOfAsync(IQuerySession session, Guid citizenId, CancellationToken ct) =>
        (await session.Query<IdentityIndexEntry>().Where(e => e.CitizenId == citizenId).Select(e => e.Id).ToListAsync(ct))
            .Select(IdentityDigest.OfKey).Order().ToList();
}

/// <summary>What normalising an identity needs from configuration: the national id hash key and the council's phone region.</summary>
public sealed class IdentityKeys(byte[] nationalIdKey, string phoneRegion)
{
    [ActivatorUtilitiesConstructor]
    public IdentityKeys(NationalIdKey nationalIdKey, CouncilPhoneRegion phoneRegion) : this(nationalIdKey.Bytes, phoneRegion.Region) { }

    public byte[] NationalIdKey { get; } = nationalIdKey;
    public string PhoneRegion { get; } = phoneRegion;
}

/// <summary>The key for national id hashes, from <c>Citizens:NationalIdHashKey</c> (never in the repo).</summary>
public sealed class NationalIdKey(IConfiguration configuration)
{
    public byte[] Bytes { get; } = Encoding.UTF8.GetBytes(configuration["Citizens:NationalIdHashKey"] is { Length: >= 32 } key
        ? key
        : throw new InvalidOperationException("Citizens:NationalIdHashKey must be set (at least 32 characters)."));
}
