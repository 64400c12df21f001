using System.Globalization;
using System.Text;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;

namespace Omnichannel.Appointments.Invitations;

/// <summary>
/// An appointment as an iCalendar object (RFC 5545) a citizen adds to their calendar: METHOD REQUEST (CANCEL once
/// cancelled), a UID that never changes, SEQUENCE raised on each reschedule, DTSTART/DTEND in Europe/Madrid with
/// its VTIMEZONE, the office's address as LOCATION and a reminder (VALARM) one day before. As iTIP (RFC 5546) wants
/// for REQUEST and CANCEL: the council (named after the office) as ORGANIZER, and the citizen as ATTENDEE.
/// </summary>
public static class AppointmentInvitation
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const string Zone = "Europe/Madrid";

    public static string Uid(Guid appointmentId) => $"{appointmentId:N}@appointments.omnichannel";

    /// <summary>The words of a calendar entry in the citizen's language (the signed link's): what, where, and a
    /// description with the code and the documents to bring. Without it the entry is the staff API's (Catalan name).</summary>
    public sealed record InCitizensLanguage(string Language, string Summary, string Location, string Description, string Alarm);

    public static string Write(AppointmentView appointment, OfficeView? office, string procedureName, TimeZoneInfo zone, InvitationOrganizer.Resolved organizer,
        InCitizensLanguage? words = null)
    {
        var language = words is null ? "" : $";LANGUAGE={words.Language}";
        var cancelled = appointment.Status == AppointmentStatus.Cancelled;
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Omnichannel//Appointments//EN",
            "CALSCALE:GREGORIAN",
            $"METHOD:{(cancelled ? "CANCEL" : "REQUEST")}",
            "BEGIN:VTIMEZONE",
            $"TZID:{Zone}",
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"UID:{Uid(appointment.AppointmentId)}",
            $"SEQUENCE:{appointment.Sequence}",
            $"DTSTAMP:{appointment.UpdatedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"DTSTART;TZID={Zone}:{Local(appointment.StartsAt, zone)}",
            $"DTEND;TZID={Zone}:{Local(appointment.EndsAt, zone)}",
            $"SUMMARY{language}:{Escape(words?.Summary ?? $"{procedureName} ({appointment.Code})")}",
            $"LOCATION{language}:{Escape(words?.Location ?? (office is null ? appointment.OfficeId : $"{office.Name.Ca}, {office.Address}"))}",
            $"DESCRIPTION{language}:{Escape(words?.Description ?? $"Codi / Código / Code: {appointment.Code}")}",
            $"STATUS:{(cancelled ? "CANCELLED" : "CONFIRMED")}",
            "TRANSP:OPAQUE",
            $"ORGANIZER;CN={ParameterValue(office?.Name.Ca ?? organizer.Name)}:mailto:{organizer.Email}",
            // The appointment knows neither the citizen's name nor their e-mail (personal data stays in the citizens
            // service), so the citizen is named by an opaque URI and without CN rather than fetched for this.
            $"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT={PartStat(appointment.Status)};RSVP=FALSE:urn:uuid:{appointment.CitizenId:D}",
        };
        if (!cancelled)
        {
            lines.AddRange(
            [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "TRIGGER:-P1D",
                $"DESCRIPTION{language}:{Escape(words?.Alarm ?? procedureName)}",
                "END:VALARM",
            ]);
        }
        lines.AddRange(["END:VEVENT", "END:VCALENDAR"]);

        var text = new StringBuilder();
        foreach (var line in lines) Fold(text, line);
        return text.ToString();
    }

    /// <summary>The citizen's answer: they asked for the slot, so a booked one is accepted; a hold awaits their
    /// confirmation; a cancelled one is declined (whoever cancelled it, the citizen will not attend).</summary>
    public static string PartStat(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Held => "NEEDS-ACTION",
        AppointmentStatus.Cancelled => "DECLINED",
        _ => "ACCEPTED",
    };

    /// <summary>A parameter value (RFC 5545 §3.1, §3.2): DQUOTE, caret and newlines caret-encoded (RFC 6868, since
    /// they cannot appear even quoted), then quoted when it holds ':', ';' or ',' so they do not end the parameter.</summary>
    public static string ParameterValue(string text)
    {
        var encoded = text.Replace("^", "^^").Replace("\"", "^'").Replace("\r\n", "^n").Replace("\n", "^n").Replace("\r", "^n");
        encoded = new string(encoded.Where(c => !char.IsControl(c)).ToArray());
        return encoded.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{encoded}\"" : encoded;
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11).</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Lines longer than 75 octets are folded with CRLF and a space (§3.1), never inside a UTF-8 sequence.</summary>
    private static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                output.Append("\r\n ");
                octets = 1;
            }
            output.Append(rune.ToString());
            octets += size;
        }
        output.Append("\r\n");
    }
}
