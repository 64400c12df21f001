using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>
/// The appointments' clock (reminders, no-shows) run by the real service on a clock the test moves, seen from the
/// outside: the integration events on a RabbitMQ queue, the appointment through the API, the citizen's history.
/// Negative facts ("not twice", "never") are read after a marker: the reminder of a later appointment, made by a watcher
/// pass that started after every pass the test cares about had ended (the watcher makes one pass at a time). The outbox
/// publishes in the order events were stored, so once the marker has arrived, anything those passes stored has too.
/// </summary>
public sealed class AppointmentWatcherTests(ClockedPlatform platform) : IClassFixture<ClockedPlatform>
{
    private sealed record Slot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
    private sealed record Slots(List<Slot> slots);
    private sealed record Appointment(Guid AppointmentId, string Code, string Status, Guid CitizenId, DateTimeOffset StartsAt);

    private async Task<Guid> RegisterCitizenAsync(string language, string preferredChannel)
    {
        var response = await platform.CitizensClient().PostAsJsonAsync("/api/citizens",
            new { preferredLanguage = language, preferredChannel, channel = "phone" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    /// <summary>Books the first free slot from <paramref name="notBefore"/> (default: three days after the clock's now).</summary>
    private async Task<Appointment> BookAsync(Guid citizen, DateTimeOffset? notBefore = null)
    {
        var client = platform.Client();
        var after = notBefore ?? platform.Clock.GetUtcNow().AddDays(3);
        var from = DateOnly.FromDateTime(after.UtcDateTime).ToString("yyyy-MM-dd");
        var slots = (await client.GetFromJsonAsync<Slots>($"/api/appointments/slots?procedureCode=census-registration&officeId=connecta-space&from={from}"))!.slots;
        var slot = slots.First(s => s.Free > 0 && s.StartsAt >= after);
        var booked = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "phone" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return (await booked.Content.ReadFromJsonAsync<Appointment>())!;
    }

    private async Task<string> StatusAsync(Guid appointmentId) =>
        (await platform.Client().GetFromJsonAsync<Appointment>($"/api/appointments/{appointmentId}"))!.Status;

    /// <summary>Someone else's appointment two days after <paramref name="appointment"/>: its reminder is the marker.</summary>
    private async Task<Appointment> MarkerAfterAsync(Appointment appointment) =>
        await BookAsync(await RegisterCitizenAsync("ca", "phone"), appointment.StartsAt.AddDays(2));

    /// <summary>Moves the clock to when the marker's reminder is due and waits for it on the queue.</summary>
    private async Task MarkerReminderAsync(Appointment marker)
    {
        MoveTo(marker.StartsAt.AddHours(-23));
        await platform.ReceivedAsync("AppointmentReminderDue", marker.AppointmentId);
    }

    private void MoveTo(DateTimeOffset instant)
    {
        Assert.True(instant > platform.Clock.GetUtcNow(), "the clock only moves forward");
        platform.Advance(instant - platform.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_due_reminder_is_published_once_in_the_citizens_language_for_their_preferred_channel_though_the_watcher_looks_again_and_the_service_restarts()
    {
        var citizen = await RegisterCitizenAsync("es", "phone");
        var appointment = await BookAsync(citizen);
        var marker = await MarkerAfterAsync(appointment);

        MoveTo(appointment.StartsAt.AddHours(-23));
        var reminder = Assert.Single(await platform.ReceivedAsync("AppointmentReminderDue", appointment.AppointmentId));
        Assert.Equal("es", reminder.Message.GetProperty("language").GetString());
        Assert.Equal("phone", reminder.Message.GetProperty("preferredChannel").GetString());
        Assert.Equal(citizen, reminder.Message.GetProperty("citizenId").GetGuid());
        Assert.Equal(appointment.Code, reminder.Message.GetProperty("appointmentCode").GetString());
        Assert.Equal(appointment.StartsAt, reminder.Message.GetProperty("startsAt").GetDateTimeOffset());

        platform.Tick();
        platform.Tick();
        await platform.RestartAppointmentsAsync(); // its watcher looks at once on start
        platform.Tick();
        await MarkerReminderAsync(marker);

        // Redeliveries of the same event (same MessageId) are allowed by the at-least-once outbox; a second reminder is not.
        var reminders = await platform.ReceivedAsync("AppointmentReminderDue", appointment.AppointmentId);
        Assert.Single(reminders.Select(r => r.MessageId).Distinct());
    }

    [Fact]
    public async Task An_appointment_nobody_checked_in_for_becomes_a_no_show_after_the_grace_period_published_once_and_in_the_citizens_history()
    {
        var citizen = await RegisterCitizenAsync("en", "phone");
        var appointment = await BookAsync(citizen);
        var marker = await MarkerAfterAsync(appointment);

        MoveTo(appointment.StartsAt.AddMinutes(16)); // 15 minutes' grace
        var missed = Assert.Single(await platform.ReceivedAsync("AppointmentMissed", appointment.AppointmentId));
        Assert.Equal(citizen, missed.Message.GetProperty("citizenId").GetGuid());
        Assert.Equal("missed", await StatusAsync(appointment.AppointmentId));

        var history = await Eventually.Until(
            () => platform.CitizensClient().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=en&reason=citizen-request"),
            page => page.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "appointment-missed"),
            what: "the no-show in the citizen's history");
        var entry = history.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "appointment-missed");
        Assert.Contains(appointment.Code, entry.GetProperty("reference").GetString());

        platform.Tick();
        await platform.RestartAppointmentsAsync();
        platform.Tick();
        await MarkerReminderAsync(marker);
        Assert.Single((await platform.ReceivedAsync("AppointmentMissed", appointment.AppointmentId)).Select(r => r.MessageId).Distinct());
        Assert.Equal("missed", await StatusAsync(appointment.AppointmentId));
    }

    [Fact]
    public async Task An_appointment_the_watcher_cannot_handle_does_not_hold_up_the_others_no_shows()
    {
        var appointment = await BookAsync(await RegisterCitizenAsync("ca", "phone"));
        // Due an hour earlier, so it comes first: a view whose council cannot be told (blank), as a damaged row would be.
        await using (var session = platform.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession(" "))
        {
            var stuck = Guid.NewGuid();
            session.Store(new AppointmentView
            {
                Id = AppointmentState.StreamKey(stuck), AppointmentId = stuck, Code = "C0000-00000", CitizenId = Guid.NewGuid(), OfficeId = "connecta-space",
                ProcedureCode = "census-registration", Channel = "online", StartsAt = appointment.StartsAt.AddHours(-1), EndsAt = appointment.StartsAt.AddMinutes(-40),
                Status = AppointmentStatus.Booked,
            });
            await session.SaveChangesAsync();
        }

        MoveTo(appointment.StartsAt.AddMinutes(16));

        Assert.Single(await platform.ReceivedAsync("AppointmentMissed", appointment.AppointmentId));
        Assert.Equal("missed", await StatusAsync(appointment.AppointmentId));
    }

    [Fact]
    public async Task A_checked_in_appointment_never_becomes_a_no_show()
    {
        var appointment = await BookAsync(await RegisterCitizenAsync("ca", "phone"));
        var marker = await MarkerAfterAsync(appointment);

        MoveTo(appointment.StartsAt.AddMinutes(-10));
        var checkIn = await platform.Client().PostAsJsonAsync($"/api/appointments/{appointment.AppointmentId}/check-in", new { channel = "kiosk" });
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);

        MoveTo(appointment.StartsAt.AddMinutes(16));
        platform.Tick();
        MoveTo(appointment.StartsAt.AddHours(3));
        platform.Tick();
        await MarkerReminderAsync(marker);

        Assert.DoesNotContain(platform.Received, r => r.Type == "AppointmentMissed" && r.Message.GetProperty("appointmentId").GetGuid() == appointment.AppointmentId);
        Assert.Equal("checked-in", await StatusAsync(appointment.AppointmentId));
    }
}
