using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.Codes;

/// <summary>How what someone typed reads as a personal code of one kind.</summary>
public enum CodeReading
{
    Valid,
    /// <summary>Shaped like a code of the kind, but its check symbol does not match: a character was mistyped or two swapped.</summary>
    Typo,
    /// <summary>Not shaped like a code of the kind at all (length, prefix, characters in no code).</summary>
    NotACode,
}

/// <summary>
/// The one scheme of every personal code the platform hands out (appointments "C…", case tracking "T…", and the incident
/// and kiosk codes to come, each with its own prefix letter): the kind's letter, random symbols of Crockford's base-32
/// drawn by the cryptographic generator (not guessable), and one check symbol; shown as the letter and the first half,
/// a hyphen, the rest ("CXXXX-XXXXX"). Read forgiving case, spaces, hyphens and the look-alikes O→0, I/L→1.
/// <para>The check makes the weighted sum of the symbols after the letter zero in the field GF(32) (symbols as 5-bit
/// polynomials over GF(2) modulo the primitive x⁵+x²+1; the weights are the powers αⁿ…α⁰ of its root α, all different
/// for up to 31 symbols). A field has no zero divisors, so a single substitution a→b changes the sum by w·(a−b) ≠ 0, and
/// swapping a≠b at positions i and j by (wᵢ−wⱼ)·(a−b) ≠ 0: every single typo and every transposition, adjacent or not,
/// is caught. (Weights modulo 32 cannot do that: 32 has zero divisors, hence the Luhn mod-32 of the first tracking codes
/// missing an adjacent 0↔Z swap; a prime modulus needs a 33rd+ symbol.) A substituted letter is no code of the kind.</para>
/// </summary>
public sealed class PersonalCode
{
    /// <summary>Appointments: "CXXXX-XXXXX", 40 random bits.</summary>
    public static readonly PersonalCode Appointment = new('C', 8, "an appointment code");

    /// <summary>Case tracking: "TXXXXX-XXXXX", 45 random bits (anyone holding it reads the case's status).</summary>
    public static readonly PersonalCode Tracking = new('T', 9, "a tracking code");

    /// <summary>Incidents: "NXXXXX-XXXXX", 45 random bits (anyone holding it reads the incident's status). N, as I is no
    /// code symbol (it reads as 1).</summary>
    public static readonly PersonalCode Incident = new('N', 9, "an incident code");

    private static readonly string[] Counts = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"];

    public PersonalCode(char prefix, int randomLength, string name)
    {
        if (Crockford.ValueOf(prefix) < 0) throw new ArgumentException("The prefix must be a Crockford symbol.", nameof(prefix));
        if (randomLength is < 4 or > 15) throw new ArgumentOutOfRangeException(nameof(randomLength), "Between 4 and 15 random symbols.");
        Prefix = prefix;
        RandomLength = randomLength;
        Name = name;
    }

    public char Prefix { get; }
    public int RandomLength { get; }

    /// <summary>With its article, as a sentence names it: "an appointment code".</summary>
    public string Name { get; }

    /// <summary>Symbols after the prefix: the random ones and the check.</summary>
    private int BodyLength => RandomLength + 1;

    /// <summary>What the code looks like, for messages: "CXXXX-XXXXX".</summary>
    public string Shape => Format(new string('X', BodyLength));

    public string New()
    {
        Span<char> body = stackalloc char[BodyLength];
        Crockford.FillRandom(body[..RandomLength]);
        body[RandomLength] = CheckSymbol(body[..RandomLength]);
        return Format(body);
    }

    /// <summary>Reads what someone typed: the canonical code when it is valid.</summary>
    public (CodeReading Reading, string? Code) Read(string? typed)
    {
        var symbols = Crockford.Canonical(typed);
        if (symbols is null || symbols.Length != 1 + BodyLength || symbols[0] != Prefix) return (CodeReading.NotACode, null);
        var body = symbols.AsSpan(1);
        return CheckSymbol(body[..RandomLength]) == body[RandomLength] ? (CodeReading.Valid, Format(body)) : (CodeReading.Typo, null);
    }

    /// <summary>The canonical form of what someone typed, or null when it is not a valid code (including a failed check).</summary>
    public string? Normalize(string? typed) => Read(typed) is (CodeReading.Valid, var code) ? code : null;

    /// <summary>The canonical code, or a rejection of <paramref name="field"/> that tells a typo (check it and type it
    /// again) from something that is no code at all — so a typo is never answered "nothing has this code".</summary>
    public string Require(string? typed, string field = "code") => Read(typed) switch
    {
        (CodeReading.Valid, var code) => code!,
        (CodeReading.Typo, _) => throw TypoRejection(field),
        _ => throw NotACodeRejection(field),
    };

    public Rejection TypoRejection(string field) => Rejection.Invalid(field,
        $"This {Name[(Name.IndexOf(' ') + 1)..]} has a typo: its characters do not match each other. Check each one and type it again.");

    public Rejection NotACodeRejection(string field) => Rejection.Invalid(field,
        $"This is not {Name}: it looks like {Shape} (a {Prefix}, then {Counts[BodyLength]} letters and digits).");

    private string Format(ReadOnlySpan<char> body) => $"{Prefix}{body[..(body.Length / 2)]}-{body[(body.Length / 2)..]}";

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
