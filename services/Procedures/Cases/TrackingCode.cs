using Omnichannel.BuildingBlocks.Codes;

namespace Omnichannel.Procedures.Cases;

/// <summary>
/// The personal code a citizen types on a kiosk, says on the phone or sends in a chat to follow a case. New codes are
/// the platform's one code scheme (<see cref="PersonalCode"/>) with the letter T: "T", nine random symbols (45 bits, not
/// guessable: the code alone reads the case's status) and a GF(32) check that catches every single typo and every
/// transposition, shown as "TXXXXX-XXXXX".
/// <para>Codes handed out before (ten symbols without a letter, shown "XXXXX-XXXXX", with a Luhn mod-32 check) are
/// still read, and stay stored and findable as they were given: they have one symbol fewer than new codes, so no
/// code can be read both ways.</para>
/// </summary>
public static class TrackingCode
{
    private static readonly PersonalCode Scheme = PersonalCode.Tracking;

    public static string New() => Scheme.New();

    /// <summary>Reads what someone typed (case, spaces, hyphens, O→0, I/L→1 forgiven), new codes and old alike: the
    /// canonical code when it is valid.</summary>
    public static (CodeReading Reading, string? Code) Read(string? typed)
    {
        var reading = Scheme.Read(typed);
        return reading.Reading == CodeReading.NotACode ? LegacyTrackingCode.Read(typed) : reading;
    }

    /// <summary>The canonical form of what someone typed, or null when it is no valid code (including a failed check).</summary>
    public static string? Normalize(string? typed) => Read(typed) is (CodeReading.Valid, var code) ? code : null;

    /// <summary>The canonical code, or a 400 naming <paramref name="field"/> that tells a typo (check it and type it
    /// again) from something that is no tracking code at all.</summary>
    public static string Require(string? typed, string field = "trackingCode") => Read(typed) switch
    {
        (CodeReading.Valid, var code) => code!,
        (CodeReading.Typo, _) => throw Scheme.TypoRejection(field),
        _ => throw Scheme.NotACodeRejection(field),
    };
}

/// <summary>
/// The first tracking codes, read only (none is made any more): ten Crockford symbols, nine random and a Luhn mod-32
/// check character, shown as "XXXXX-XXXXX". The Luhn check misses an adjacent 0↔Z swap — why new codes use the
/// platform's GF(32) scheme.
/// </summary>
public static class LegacyTrackingCode
{
    private const int RandomLength = 9;

    public static (CodeReading Reading, string? Code) Read(string? typed)
    {
        var code = Crockford.Canonical(typed);
        if (code is null || code.Length != RandomLength + 1) return (CodeReading.NotACode, null);
        return CheckCharacter(code.AsSpan(0, RandomLength)) == code[RandomLength]
            ? (CodeReading.Valid, $"{code[..5]}-{code[5..]}")
            : (CodeReading.Typo, null);
    }

    /// <summary>Luhn mod N over the code alphabet.</summary>
    private static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        var n = Crockford.Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Crockford.ValueOf(payload[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return Crockford.Alphabet[(n - sum % n) % n];
    }
}
