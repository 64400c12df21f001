using System.Security.Cryptography;

namespace Omnichannel.BuildingBlocks.Codes;

/// <summary>
/// Crockford's base-32 for the personal codes citizens read out on the phone, type on a kiosk or send in a chat
/// (case tracking codes, appointment codes): digits and letters without I, L, O, U, and the reading of what was typed
/// that forgives case, spaces, hyphens and the look-alikes O→0, I/L→1.
/// </summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The value (0–31) of a canonical symbol, or -1.</summary>
    public static int ValueOf(char symbol) => Alphabet.IndexOf(symbol);

    /// <summary>Fills <paramref name="code"/> with symbols drawn uniformly by the cryptographic generator.</summary>
    public static void FillRandom(Span<char> code)
    {
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    }

    /// <summary>What someone typed as canonical symbols (upper case, without spaces and hyphens, O→0, I/L→1),
    /// or null when it holds a character that is in no code.</summary>
    public static string? Canonical(string? typed)
    {
        if (typed is null) return null;
        var chars = new List<char>(typed.Length);
        foreach (var raw in typed.ToUpperInvariant())
        {
            if (raw is '-' or ' ') continue;
            var c = raw switch { 'O' => '0', 'I' or 'L' => '1', _ => raw };
            if (!Alphabet.Contains(c)) return null;
            chars.Add(c);
        }
        return new string([.. chars]);
    }
}
