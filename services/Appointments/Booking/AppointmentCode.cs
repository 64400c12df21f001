using Omnichannel.BuildingBlocks.Codes;

namespace Omnichannel.Appointments.Booking;

/// <summary>
/// The personal code of an appointment, usable on any channel: the platform's one code scheme
/// (<see cref="PersonalCode"/>) with the letter C — "C", eight random symbols (40 bits) and a GF(32) check symbol that
/// catches every single typo and every transposition, shown as "CXXXX-XXXXX".
/// </summary>
public static class AppointmentCode
{
    private static readonly PersonalCode Scheme = PersonalCode.Appointment;

    public static string New() => Scheme.New();

    /// <summary>Reads what someone typed (case, spaces, hyphens, O→0, I/L→1 forgiven): the canonical code when it is valid.</summary>
    public static (CodeReading Reading, string? Code) Read(string? typed) => Scheme.Read(typed);

    public static string? Normalize(string? typed) => Scheme.Normalize(typed);

    /// <summary>The canonical code, or a 400 naming <paramref name="field"/> that tells a typo from something that is no code.</summary>
    public static string Require(string? typed, string field = "code") => Scheme.Require(typed, field);
}
