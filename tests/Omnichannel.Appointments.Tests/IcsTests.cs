using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Invitations;
using static Omnichannel.Appointments.Tests.Examples;

namespace Omnichannel.Appointments.Tests;

public sealed class IcsTests
{
    private static AppointmentView View(AppointmentStatus status = AppointmentStatus.Booked, int sequence = 0) => new()
    {
        AppointmentId = Guid.Parse("0b7c9a5e-1c1f-4a57-9f0e-2f4f1a2b3c4d"), Code = "C1234-ABCD", OfficeId = OfficeId, ProcedureCode = Procedure,
        StartsAt = new DateTimeOffset(2026, 7, 1, 9, 20, 0, TimeSpan.FromHours(2)), EndsAt = new DateTimeOffset(2026, 7, 1, 9, 40, 0, TimeSpan.FromHours(2)),
        Status = status, Sequence = sequence, UpdatedAt = new DateTimeOffset(2026, 6, 20, 8, 5, 6, TimeSpan.Zero),
        CitizenId = Guid.Parse("5d1e7c3a-9b2f-4e6d-8a1c-3f5e7d9b1a2c"),
    };

    private static readonly InvitationOrganizer.Resolved Council = new("Ajuntament de Mataró", "cita-previa@mataro.example");

    /// <summary>Unfolds (RFC 5545 §3.1) and splits into (name with parameters, value) pairs: the value starts at the
    /// first ':' outside a quoted parameter value.</summary>
    private static List<(string Name, string Value)> Parse(string ics)
    {
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var unfolded = ics.Replace("\r\n ", "");
        return unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => (l[..ValueStart(l)], l[(ValueStart(l) + 1)..])).ToList();
    }

    private static int ValueStart(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == ':' && !quoted) return i;
        }
        throw new Xunit.Sdk.XunitException($"No value in '{line}'");
    }

    /// <summary>A property's parameters (name → value, quotes kept) and its value, e.g. ATTENDEE;ROLE=…:urn:uuid:….
    /// Parameters split at ';' outside quotes.</summary>
    private static (Dictionary<string, string> Parameters, string Value) Property(List<(string Name, string Value)> lines, string name)
    {
        var (head, value) = Assert.Single(lines, l => l.Name == name || l.Name.StartsWith(name + ";"));
        var parts = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= head.Length; i++)
        {
            if (i < head.Length && head[i] == '"') quoted = !quoted;
            else if (i == head.Length || (head[i] == ';' && !quoted)) { parts.Add(head[start..i]); start = i + 1; }
        }
        Assert.Equal(name, parts[0]);
        var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(parts.Count - 1, parameters.Count); // no parameter given twice
        return (parameters, value);
    }

    private static string One(List<(string Name, string Value)> lines, string name) => Assert.Single(lines, l => l.Name == name).Value;

    [Fact]
    public void A_booked_appointment_is_a_request_with_madrid_times_its_timezone_the_office_address_and_a_day_before_alarm()
    {
        var lines = Parse(AppointmentInvitation.Write(View(), Office(), "Alta al padró, amb un nom molt llarg perquè la línia s'hagi de plegar; sí", Madrid, Council));
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
        var booked = Parse(AppointmentInvitation.Write(View(), Office(), "Alta", Madrid, Council));
        var cancelled = Parse(AppointmentInvitation.Write(View(AppointmentStatus.Cancelled), Office(), "Alta", Madrid, Council));
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
        var lines = Parse(AppointmentInvitation.Write(view, Office(), "Alta", Madrid, Council));
        Assert.Equal("2", One(lines, "SEQUENCE"));
        Assert.Equal("20261202T090000", One(lines, "DTSTART;TZID=Europe/Madrid"));
    }

    [Fact]
    public void A_booked_appointment_has_the_council_as_organizer_named_after_the_office_and_the_citizen_as_an_accepted_attendee_by_an_opaque_uri()
    {
        var lines = Parse(AppointmentInvitation.Write(View(), Office(), "Alta", Madrid, Council));
        var organizer = Property(lines, "ORGANIZER");
        Assert.Equal("mailto:cita-previa@mataro.example", organizer.Value);
        Assert.Equal(new Dictionary<string, string> { ["CN"] = "Connecta" }, organizer.Parameters);

        var attendee = Property(lines, "ATTENDEE");
        Assert.Equal("urn:uuid:5d1e7c3a-9b2f-4e6d-8a1c-3f5e7d9b1a2c", attendee.Value);
        Assert.Equal(new Dictionary<string, string> { ["ROLE"] = "REQ-PARTICIPANT", ["PARTSTAT"] = "ACCEPTED", ["RSVP"] = "FALSE" }, attendee.Parameters);
    }

    [Theory]
    [InlineData(AppointmentStatus.Held, "NEEDS-ACTION")]
    [InlineData(AppointmentStatus.Booked, "ACCEPTED")]
    [InlineData(AppointmentStatus.CheckedIn, "ACCEPTED")]
    [InlineData(AppointmentStatus.Cancelled, "DECLINED")]
    public void The_attendees_participation_follows_the_appointment_a_hold_awaits_an_answer_and_a_cancellation_declines(AppointmentStatus status, string partStat)
    {
        var lines = Parse(AppointmentInvitation.Write(View(status), Office(), "Alta", Madrid, Council));
        Assert.Equal(partStat, Property(lines, "ATTENDEE").Parameters["PARTSTAT"]);
        Assert.Equal("mailto:cita-previa@mataro.example", Property(lines, "ORGANIZER").Value); // a CANCEL keeps its organizer
    }

    [Fact]
    public void An_organizer_name_with_separators_is_quoted_one_with_quotes_is_caret_encoded_and_its_long_line_is_folded()
    {
        var office = Office();
        office.Name = new("Oficina d'Atenció Ciutadana: Centre, Mataró; planta baixa, \"OAC\" i annexos", "", "");
        var ics = AppointmentInvitation.Write(View(), office, "Alta", Madrid, Council);
        var lines = Parse(ics);
        var organizer = Property(lines, "ORGANIZER");
        Assert.Equal("\"Oficina d'Atenció Ciutadana: Centre, Mataró; planta baixa, ^'OAC^' i annexos\"", organizer.Parameters["CN"]);
        Assert.Equal("mailto:cita-previa@mataro.example", organizer.Value);
        Assert.Contains("\r\n ", ics[ics.IndexOf("ORGANIZER", StringComparison.Ordinal)..ics.IndexOf("ATTENDEE", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Without_the_office_the_organizer_is_named_after_the_council()
    {
        var lines = Parse(AppointmentInvitation.Write(View(), null, "Alta", Madrid, Council));
        Assert.Equal("Ajuntament de Mataró", Property(lines, "ORGANIZER").Parameters["CN"]);
    }

    [Fact]
    public void Each_council_may_have_its_own_organizer_address_and_an_address_that_would_break_the_line_is_refused()
    {
        var organizer = new InvitationOrganizer
        {
            Name = "Ajuntament", Email = "cita-previa@ajuntament.example",
            Councils = { ["el-prat"] = new() { Name = "Ajuntament del Prat", Email = "cita@elprat.example" }, ["mataro"] = new() { Name = "Ajuntament de Mataró" } },
        };
        Assert.True(organizer.IsValid());
        Assert.Equal(new InvitationOrganizer.Resolved("Ajuntament del Prat", "cita@elprat.example"), organizer.For("el-prat"));
        Assert.Equal(new InvitationOrganizer.Resolved("Ajuntament de Mataró", "cita-previa@ajuntament.example"), organizer.For("mataro"));
        Assert.Equal(new InvitationOrganizer.Resolved("Ajuntament", "cita-previa@ajuntament.example"), organizer.For(null));
        foreach (var bad in new[] { "", "cita previa@x.example", "cita@x.example;ROLE=CHAIR", "cita@x.example\r\nX:1", "no-at-sign", "a@b@c" })
            Assert.False(new InvitationOrganizer { Name = "A", Email = bad }.IsValid(), bad);
    }
}
