using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Omnichannel.Cli.Analysts;

/// <summary>What becomes of one data field when a dataset is to leave the council.</summary>
public enum FieldTreatment { Keep, Hash, Drop }

/// <summary>
/// Pseudonymisation so a dataset can leave the council: citizen ids (and the stream ids and subjects built from them)
/// become a keyed hash — HMAC-SHA256 under a key made for this export, so the same citizen is the same pseudonym
/// within one export and cannot be linked across exports or back to the platform; identity values (phones,
/// e-mails, chat ids, national ids, names, addresses, positions) and free texts are dropped. Fields are judged by
/// their name against the declared lists below (case and separators ignored); as a safety net any string that looks
/// like an e-mail, a phone number or a DNI/NIE is dropped wherever it is.
/// </summary>
public sealed partial class Pseudonymiser
{
    /// <summary>Field names (normalised: lower case, letters and digits only) that hold a citizen's id.</summary>
    public static readonly IReadOnlySet<string> CitizenIdFields = new HashSet<string>
    {
        "citizenid", "citizen", "subject", "follower", "followercitizenid", "reportercitizenid", "requestercitizenid",
    };

    /// <summary>Name fragments of identity values: any field whose normalised name contains one is dropped.</summary>
    public static readonly IReadOnlyList<string> IdentityFragments =
    [
        "phone", "email", "mail", "chatid", "chatuser", "nationalid", "passport", "identities", "identityvalue",
        "telegram", "whatsapp", "username", "userid", "senderid", "recipient", "firstname", "lastname", "surname",
        "fullname", "displayname", "birth", "address", "iban", "latitude", "longitude", "location", "ipaddress",
        "externalid", "messageid",
    ];

    /// <summary>Whole names of identity values and free texts (citizens' and staff's words), dropped.</summary>
    public static readonly IReadOnlySet<string> DroppedFields = new HashSet<string>
    {
        "name", "value", "dni", "nie", "nif", "from", "to", "cc", "replyto", "text", "body", "comment", "comments", "description", "message",
        "question", "answer", "resolution", "note", "notes", "title", "content", "caption", "details", "freetext",
        "information", "reply", "words", "keyword", "query", "summary", "transcript", "remarks",
        // personal codes open a citizen's appointment, case or incident to whoever holds them
        "code", "appointmentcode", "trackingcode", "incidentcode", "personalcode",
    };

    /// <summary>Fields whose value is kept only when it is a code (kebab-case), never a sentence someone typed.</summary>
    public static readonly IReadOnlySet<string> CodeOnlyFields = new HashSet<string>
    {
        "reason", "closurereason", "outcome", "ending", "topic",
    };

    private readonly byte[] key;

    public Pseudonymiser(byte[] key) => this.key = key;

    /// <summary>A key made for one export: pseudonyms are stable within it and unlinkable across exports.</summary>
    public static Pseudonymiser ForOneExport() => new(RandomNumberGenerator.GetBytes(32));

    public static FieldTreatment TreatmentOf(string fieldName)
    {
        var name = Normalise(fieldName);
        if (CitizenIdFields.Contains(name) || name.EndsWith("citizenid", StringComparison.Ordinal)) return FieldTreatment.Hash;
        if (DroppedFields.Contains(name)) return FieldTreatment.Drop;
        foreach (var fragment in IdentityFragments)
            if (name.Contains(fragment, StringComparison.Ordinal)) return FieldTreatment.Drop;
        return FieldTreatment.Keep;
    }

    /// <summary>What erasure and retention leave in a personal field (services/BuildingBlocks/PersonalData: PersonalFields.Masked).</summary>
    public const string MaskedValue = "***";

    /// <summary>Whether a kept field's string value must still go: it looks like an identity, a code-only field holds
    /// words, or it is a masked personal field (an erased value is not data: analysts never see the placeholder).</summary>
    public static bool MustDropValue(string fieldName, string value) =>
        value == MaskedValue || LooksLikeIdentity(value) || CodeOnlyFields.Contains(Normalise(fieldName)) && !CodeValue().IsMatch(value);

    public static bool LooksLikeIdentity(string value) =>
        value.Length >= 6 && (EmailValue().IsMatch(value) || NationalIdValue().IsMatch(value) || PhoneValue().IsMatch(value));

    public string Hash(string value)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value), mac);
        return "p-" + Convert.ToHexStringLower(mac[..12]);
    }

    private static string Normalise(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var n = 0;
        foreach (var c in name)
            if (char.IsAsciiLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        return new string(buffer[..n]);
    }

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+")]
    private static partial Regex EmailValue();

    [GeneratedRegex(@"\b([0-9]{8}|[XYZxyz][0-9]{7})[- ]?[A-Za-z]\b")]
    private static partial Regex NationalIdValue();

    // 9 to 15 digits with spaces, dots, dashes or brackets between them, not part of a longer word or id (a GUID's
    // digits are next to hex letters or dashes) nor a time's fraction ("09:05:00.1234567"), anywhere in the text:
    // "call me on 600 12 34 56".
    [GeneratedRegex(@"(?<![\w:.-])\+?\(?\d(?:[ .()-]{0,2}\d){8,14}(?![\w-])")]
    private static partial Regex PhoneValue();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeValue();
}
