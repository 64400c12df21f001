using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.WaitingRoom;

namespace Omnichannel.Appointments.Invitations;

/// <summary>Configuration section "Appointments:CalendarLinks": how long a signed calendar link stays good.</summary>
public sealed class CalendarLinkOptions
{
    public const string Section = "Appointments:CalendarLinks";

    /// <summary>Days a link is good for from when it is given (an appointment is booked at most the booking horizon
    /// ahead, so the default outlives it).</summary>
    public int ValidDays { get; set; } = 120;
}

/// <summary>
/// A link to an appointment's calendar entry that opens with no login (a citizen's phone calendar fetches it, with no
/// token): <c>/api/appointments/calendars/{council}/{appointmentId}.ics?lang=&amp;expires=&amp;signature=</c>. Nothing
/// personal is in it — the council, an opaque id, a language, an expiry — and an HMAC-SHA256 over all of them, so a
/// changed id, language or expiry is refused. The key is derived (HKDF, its own label) from the appointments service's
/// signing secret (<c>Appointments:WaitingRoom:TokenKey</c>): no new secret to deploy, and a waiting-room token can
/// never pass for a calendar signature or the other way round.
/// </summary>
public sealed class CalendarLinks(IOptions<WaitingRoomOptions> room, IOptions<CalendarLinkOptions> options, TimeProvider clock)
{
    public const string Prefix = "/api/appointments/calendars";
    private static readonly byte[] Label = "omnichannel appointments calendar links v1"u8.ToArray();
    private readonly byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, room.Value.KeyBytes(), 32, info: Label);

    public sealed record Link(string Url, DateTimeOffset ExpiresAt);

    public Link For(string council, Guid appointmentId, string language)
    {
        var expires = clock.GetUtcNow().AddDays(options.Value.ValidDays);
        var seconds = expires.ToUnixTimeSeconds();
        var signature = Sign(council, appointmentId, language, seconds);
        return new($"{Prefix}/{council}/{appointmentId:D}.ics?lang={language}&expires={seconds.ToString(CultureInfo.InvariantCulture)}&signature={signature}",
            DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    public enum Verdict { Good, Tampered, Expired }

    /// <summary>The signature is checked first, in constant time, so an expiry moved by hand is "tampered", not "expired".</summary>
    public Verdict Check(string council, Guid appointmentId, string language, long expires, string? signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(council, appointmentId, language, expires));
        var given = Encoding.ASCII.GetBytes(signature ?? "");
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return Verdict.Tampered;
        return clock.GetUtcNow().ToUnixTimeSeconds() > expires ? Verdict.Expired : Verdict.Good;
    }

    private string Sign(string council, Guid appointmentId, string language, long expires)
    {
        var text = Encoding.UTF8.GetBytes($"{council}\n{appointmentId:D}\n{language}\n{expires.ToString(CultureInfo.InvariantCulture)}");
        return Base64Url(HMACSHA256.HashData(key, text));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
