using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Calendar;
using static Omnichannel.Appointments.Tests.Examples;

namespace Omnichannel.Appointments.Tests;

public sealed class IcsTests
{
    private static AppointmentView View(AppointmentStatus status = AppointmentStatus.Booked, int sequence = 0) => new()
    {
        AppointmentId = Guid.Parse("0b7c9a5e-1c1f-4a57-9f0e-2f4f1a2b3c4d"), Code = "C1234-ABCD", OfficeId = OfficeId, ProcedureCode = Procedure,
        StartsAt = new DateTimeOffset(2026, 7, 1, 9, 20, 0, TimeSpan.FromHours(2)), EndsAt = new DateTimeOffset(2026, 7, 1, 9, 40, 0, TimeSpan.FromHours(2)),
        Status = status, Sequence = sequence, UpdatedAt = new DateTimeOffset(2026, 6, 20, 8, 5, 6, TimeSpan.Zero),
    };

    /// <summary>Unfolds (RFC 5545 §3.1) and splits into (name with parameters, value) pairs.</summary>
    private static List<(string Name, string Value)> Parse(string ics)
    {
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var unfolded = ics.Replace("\r\n ", "");
        return unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..])).ToList();
    }

    private static string One(List<(string Name, string Value)> lines, string name) => Assert.Single(lines, l => l.Name == name).Value;

    [Fact]
    public void A_booked_appointment_is_a_request_with_madrid_times_its_timezone_the_office_address_and_a_day_before_alarm()
    {
        var lines = Parse(AppointmentIcs.Write(View(), Office(), "Alta al padró, amb un nom molt llarg perquè la línia s'hagi de plegar; sí", Madrid));
        Assert.Equal(("BEGIN", "VCALENDAR"), lines[0]);
        Assert.Equal("2.0", One(lines, "VERSION"));
        Assert.Equal("REQUEST", One(lines, "METHOD"));
        Assert.Equal("0b7c9a5e1c1f4a579f0e2f4f1a2b3c4d@appointments.omnichannel", One(lines, "UID"));
        Assert.Equal("0", One(lines, "SEQUENCE"));
        Assert.Equal("20260620T080506Z", One(lines, "DTSTAMP"));
        Assert.Equal("20260701T092000", One(lines, "DTSTART;TZID=Europe/Madrid"));
        Assert.Equal("20260701T094000", One(lines, "DTEND;TZID=Europe/Madrid"));
        Assert.Equal("Europe/Madrid", One(lines, "TZID"));
        Assert.Contains(("TZOFFSETTO", "+0200"), lines);
        Assert.Contains(("TZOFFSETTO", "+0100"), lines);
        Assert.Equal("Connecta\\, Plaça de la Muralla\\, Mataró", One(lines, "LOCATION"));
        Assert.Equal("Alta al padró\\, amb un nom molt llarg perquè la línia s'hagi de plegar\\; sí (C1234-ABCD)", One(lines, "SUMMARY"));
        Assert.Equal("CONFIRMED", One(lines, "STATUS"));
        Assert.Equal("-P1D", One(lines, "TRIGGER"));
        Assert.Equal("DISPLAY", One(lines, "ACTION"));
        Assert.Equal(("END", "VCALENDAR"), lines[^1]);
    }

    [Fact]
    public void A_cancelled_appointment_is_a_cancel_with_the_same_uid_and_no_alarm()
    {
        var booked = Parse(AppointmentIcs.Write(View(), Office(), "Alta", Madrid));
        var cancelled = Parse(AppointmentIcs.Write(View(AppointmentStatus.Cancelled), Office(), "Alta", Madrid));
        Assert.Equal("CANCEL", One(cancelled, "METHOD"));
        Assert.Equal("CANCELLED", One(cancelled, "STATUS"));
        Assert.Equal(One(booked, "UID"), One(cancelled, "UID"));
        Assert.DoesNotContain(cancelled, l => l == ("BEGIN", "VALARM"));
    }

    [Fact]
    public void Each_reschedule_raises_the_sequence_and_a_winter_time_is_written_on_the_local_clock()
    {
        var view = View(sequence: 2);
        view.StartsAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(1));
        view.EndsAt = view.StartsAt.AddMinutes(20);
        var lines = Parse(AppointmentIcs.Write(view, Office(), "Alta", Madrid));
        Assert.Equal("2", One(lines, "SEQUENCE"));
        Assert.Equal("20261202T090000", One(lines, "DTSTART;TZID=Europe/Madrid"));
    }
}
