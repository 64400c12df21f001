using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Booking;

/// <summary>How what someone typed reads as an appointment code.</summary>
public enum CodeReading
{
    Valid,
    /// <summary>Shaped like a code, but its check symbol does not match: a character was mistyped or two swapped.</summary>
    Typo,
    /// <summary>Not shaped like a code at all (length, prefix, characters in no code, or a code of the old format).</summary>
    NotACode,
}

/// <summary>
/// The personal code of an appointment, usable on any channel: "C", eight random symbols of Crockford's base-32
/// (40 bits, not guessable) and one check symbol, shown as "CXXXX-XXXXX".
/// <para>The check makes the weighted sum of the nine symbols zero in the field GF(32) (symbols as 5-bit
/// polynomials over GF(2) modulo the primitive x⁵+x²+1; the weights are the powers α⁸…α⁰ of its root α). A field has no
/// zero divisors, so a single substitution a→b changes the sum by w·(a−b) ≠ 0, and swapping a≠b at positions i and j
/// by (wᵢ−wⱼ)·(a−b) ≠ 0 since all nine weights differ: every single typo and every transposition, adjacent or not, is
/// caught. (Weights modulo 32 cannot do that: 32 has zero divisors, hence the Luhn mod-32 of case tracking codes
/// missing an adjacent 0↔Z swap; a prime modulus needs a 33rd+ symbol.)</para>
/// </summary>
public static class AppointmentCode
{
    private const char Prefix = 'C';
    private const int RandomLength = 8;

    public static string New()
    {
        Span<char> body = stackalloc char[RandomLength + 1];
        Crockford.FillRandom(body[..RandomLength]);
        body[RandomLength] = CheckSymbol(body[..RandomLength]);
        return Format(body);
    }

    /// <summary>Reads what someone typed (case, spaces, hyphens, O→0, I/L→1 forgiven): the canonical code when it is valid.</summary>
    public static (CodeReading Reading, string? Code) Read(string? typed)
    {
        var symbols = Crockford.Canonical(typed);
        if (symbols is null || symbols.Length != 1 + RandomLength + 1 || symbols[0] != Prefix) return (CodeReading.NotACode, null);
        var body = symbols.AsSpan(1);
        return CheckSymbol(body[..RandomLength]) == body[RandomLength] ? (CodeReading.Valid, Format(body)) : (CodeReading.Typo, null);
    }

    /// <summary>The canonical form of what someone typed, or null when it is not a valid code (including a failed check).</summary>
    public static string? Normalize(string? typed) => Read(typed) is (CodeReading.Valid, var code) ? code : null;

    /// <summary>The canonical code, or a rejection of <paramref name="field"/> that tells a typo (check it and type it
    /// again) from something that is no code at all — so a typo is never answered "no appointment has this code".</summary>
    public static string Require(string? typed, string field = "code") => Read(typed) switch
    {
        (CodeReading.Valid, var code) => code!,
        (CodeReading.Typo, _) => throw Rejection.Invalid(field,
            "This appointment code has a typo: its characters do not match each other. Check each one and type it again."),
        _ => throw Rejection.Invalid(field, "This is not an appointment code: it looks like CXXXX-XXXXX (a C, then nine letters and digits)."),
    };

    private static string Format(ReadOnlySpan<char> body) => $"{Prefix}{body[..4]}-{body[4..]}";

    /// <summary>Horner's rule in GF(32): symbol i of n gets the weight αⁿ⁻ⁱ⁺¹ and the check, written after them, α⁰ = 1.
    /// In characteristic 2 subtraction is addition, so the check symbol is the payload's weighted sum itself.</summary>
    private static char CheckSymbol(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        foreach (var symbol in payload) sum = TimesAlpha(sum ^ Crockford.ValueOf(symbol));
        return Crockford.Alphabet[sum];
    }

    /// <summary>Multiplication by α: shift, and reduce by x⁵+x²+1 when x⁵ appears.</summary>
    private static int TimesAlpha(int x)
    {
        x <<= 1;
        return (x & 0b100000) != 0 ? x ^ 0b100101 : x;
    }
}
