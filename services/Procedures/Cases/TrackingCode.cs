using Omnichannel.BuildingBlocks.Codes;

namespace Omnichannel.Procedures.Cases;

/// <summary>
/// The personal code a citizen types on a kiosk, says on the phone or sends in a chat to follow a case:
/// ten characters from Crockford's base-32 alphabet (no I, L, O, U to confuse), nine random — 45 bits,
/// not guessable — and a Luhn mod-32 check character that catches any single typo and most swaps
/// before the database is asked. Shown as "XXXXX-XXXXX".
/// </summary>
public static class TrackingCode
{
    private const string Alphabet = Crockford.Alphabet;
    private const int RandomLength = 9;

    public static string New()
    {
        Span<char> code = stackalloc char[RandomLength + 1];
        Crockford.FillRandom(code[..RandomLength]);
        code[RandomLength] = CheckCharacter(code[..RandomLength]);
        return Format(new string(code));
    }

    /// <summary>The canonical form of what someone typed (case, hyphens, spaces, O→0, I/L→1), or null
    /// when it cannot be a code: wrong length, foreign characters, or a check character that does not match.</summary>
    public static string? Normalize(string? typed)
    {
        var code = Crockford.Canonical(typed);
        if (code is null || code.Length != RandomLength + 1) return null;
        return CheckCharacter(code.AsSpan(0, RandomLength)) == code[RandomLength] ? Format(code) : null;
    }

    private static string Format(string code) => $"{code[..5]}-{code[5..]}";

    /// <summary>Luhn mod N over the code alphabet.</summary>
    private static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(payload[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return Alphabet[(n - sum % n) % n];
    }
}
