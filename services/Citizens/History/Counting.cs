namespace Omnichannel.Citizens.History;

/// <summary>Numbers inside a history line, agreeing with what they count in Catalan, Spanish and English:
/// "1 crida" / "2 crides", and Catalan's "de" elided before a number said with a vowel ("d'1", "d'11").</summary>
public static class Counting
{
    /// <summary>"1 call", "2 calls", "0 calls": the three languages take the singular for one only.</summary>
    public static string Count(long n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    /// <summary>Catalan "de" and a count: "d'1 crida", "d'11 crides", "de 2 crides", "de 1000 crides".</summary>
    public static string CatalanDe(long n, string one, string many) => (SaidWithVowelInCatalan(n) ? "d'" : "de ") + Count(n, one, many);

    /// <summary>Whether the number, read aloud in Catalan, begins with a vowel sound. Only "u/un" (1, 1 000 000,
    /// 10^12…) and "onze" (11, 11 000…) do: every other leading word (dos, deu, cent, mil, vuit…) starts with a
    /// consonant. A number is read from its leading group of three digits: 1 before an odd count of groups is
    /// "mil" (1 000 is "mil", 10^9 "mil milions"), before an even count it is "un" ("un milió").</summary>
    public static bool SaidWithVowelInCatalan(long n)
    {
        if (n < 0) return false; // "menys …"
        var groupsAfter = 0;
        while (n >= 1000)
        {
            n /= 1000;
            groupsAfter++;
        }
        return n == 11 || (n == 1 && groupsAfter % 2 == 0);
    }
}
