using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>What a queue token says: whose place in which room, and until when it may be shown. No personal data:
/// the place's id and arrival number, not the citizen.</summary>
public sealed record QueueTicket(Guid EntryId, string Council, string ProcedureCode, long Arrival, DateTimeOffset ExpiresAt);

/// <summary>
/// The signed, short-lived queue token a client shows to see its turn and, once admitted, to book. HMAC-SHA256 over the
/// ticket with the key from configuration: a client cannot move itself forward, take another's place or another room's,
/// nor keep an old token alive. Stateless to check, so a forged token costs the service no database read.
/// Format: base64url(payload) "." base64url(mac).
/// </summary>
public static class QueueToken
{
    public static string Sign(QueueTicket ticket, byte[] key)
    {
        var council = Encoding.UTF8.GetBytes(ticket.Council);
        var procedure = Encoding.UTF8.GetBytes(ticket.ProcedureCode);
        var payload = new byte[16 + 8 + 8 + 2 + council.Length + 2 + procedure.Length];
        ticket.EntryId.TryWriteBytes(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), ticket.Arrival);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(24), ticket.ExpiresAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(32), (ushort)council.Length);
        council.CopyTo(payload.AsSpan(34));
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(34 + council.Length), (ushort)procedure.Length);
        procedure.CopyTo(payload.AsSpan(36 + council.Length));
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The ticket, or why the token is refused: <c>token-invalid</c> (forged, altered, another council's or
    /// room's, not a token at all) or <c>token-expired</c>.</summary>
    public static (QueueTicket? Ticket, string? Refusal) Read(string? token, byte[] key, string council, string procedureCode, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var body, var mac]) return (null, "token-invalid");
        byte[] payload, signature;
        try
        {
            payload = FromBase64Url(body);
            signature = FromBase64Url(mac);
        }
        catch (FormatException)
        {
            return (null, "token-invalid");
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature) || payload.Length < 36) return (null, "token-invalid");
        var councilLength = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(32));
        if (payload.Length < 36 + councilLength) return (null, "token-invalid");
        var procedureLength = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(34 + councilLength));
        if (payload.Length != 36 + councilLength + procedureLength) return (null, "token-invalid");
        var ticket = new QueueTicket(new Guid(payload.AsSpan(0, 16)), Encoding.UTF8.GetString(payload, 34, councilLength),
            Encoding.UTF8.GetString(payload, 36 + councilLength, procedureLength), BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16)),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(24))));
        if (ticket.Council != council || ticket.ProcedureCode != procedureCode) return (null, "token-invalid");
        if (ticket.ExpiresAt <= now) return (null, "token-expired");
        return (ticket, null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
