using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Appointments.WaitingRoom.Joining;

/// <summary>
/// The challenge hook a council can turn on (<c>Appointments:WaitingRoom:Councils:&lt;council&gt;:ProofOfWorkBits</c>,
/// off by default): to join, a client brings a nonce such that SHA-256(challenge ":" citizenId ":" nonce) starts with that
/// many zero bits. A browser pays it once (a fraction of a second at 16–20 bits); a bot pays it once per identity.
/// The challenge is signed and lives five minutes, so the service keeps nothing.
/// </summary>
public static class ProofOfWork
{
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);

    public static string Challenge(string council, string procedureCode, DateTimeOffset now, byte[] key)
    {
        var payload = $"{council}|{procedureCode}|{now.ToUnixTimeMilliseconds()}";
        var mac = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("pow|" + payload)));
        return $"{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{mac}";
    }

    /// <summary>Null when the proof holds; otherwise the field at fault and why.</summary>
    public static (string Field, string Reason)? Check(string? challenge, string? nonce, Guid citizenId, string council, string procedureCode, int bits, DateTimeOffset now, byte[] key)
    {
        if (bits <= 0) return null;
        if (string.IsNullOrEmpty(challenge) || challenge.Split('.') is not [var body, var mac]) return ("challenge", "This council asks for a proof of work: get a challenge first.");
        string payload;
        try
        {
            var b = body.Replace('-', '+').Replace('_', '/');
            payload = Encoding.UTF8.GetString(Convert.FromBase64String(b.PadRight(b.Length + (4 - b.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            return ("challenge", "Not a challenge this waiting room gave.");
        }
        var expected = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("pow|" + payload)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(mac))) return ("challenge", "Not a challenge this waiting room gave.");
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] != council || parts[1] != procedureCode || !long.TryParse(parts[2], out var issued)) return ("challenge", "Not a challenge for this waiting room.");
        if (now - DateTimeOffset.FromUnixTimeMilliseconds(issued) > ChallengeLifetime) return ("challenge", "The challenge has expired: get a new one.");
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 100) return ("nonce", "Bring the nonce that solves the challenge.");
        return LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes($"{challenge}:{citizenId}:{nonce}"))) >= bits ? null : ("nonce", "The nonce does not solve the challenge.");
    }

    /// <summary>What a client does (and tests and the benchmark): counts nonces up from zero until one solves it.</summary>
    public static string Solve(string challenge, Guid citizenId, int bits)
    {
        for (long n = 0; ; n++)
            if (LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes($"{challenge}:{citizenId}:{n}"))) >= bits) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int LeadingZeroBits(byte[] hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0) { bits += 8; continue; }
            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }
}
