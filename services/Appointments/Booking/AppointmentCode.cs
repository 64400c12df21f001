using System.Security.Cryptography;

namespace Omnichannel.Appointments.Booking;

/// <summary>The personal code of an appointment, usable on any channel: "C" and eight characters of Crockford's
/// base-32 (no I, L, O, U), shown as "CXXXX-XXXX" — 40 random bits, not guessable, easy to read out on the phone.</summary>
public static class AppointmentCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"C{new string(code[..4])}-{new string(code[4..])}";
    }

    /// <summary>The canonical form of what someone typed (case, spaces, hyphens, O→0, I/L→1), or null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var chars = typed.ToUpperInvariant().Where(c => c is not ('-' or ' ')).ToList();
        if (chars.Count != 9 || chars[0] != 'C') return null;
        var body = chars.Skip(1).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray();
        return body.All(Alphabet.Contains) ? $"C{new string(body[..4])}-{new string(body[4..])}" : null;
    }
}
