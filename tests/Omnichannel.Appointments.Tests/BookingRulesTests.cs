using Microsoft.Extensions.Time.Testing;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Cancelling;
using Omnichannel.Appointments.CheckingIn;
using Omnichannel.Appointments.NoShows;
using Omnichannel.Appointments.Reminders;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using static Omnichannel.Appointments.Tests.Examples;

namespace Omnichannel.Appointments.Tests;

public sealed class BookingRulesTests
{
    [Fact]
    public void Holding_a_free_slot_takes_a_place_adds_it_to_the_agenda_and_holds_the_appointment_for_five_minutes()
    {
        var hold = Hold(Wednesday(9, 20));
        var changes = HoldDecision.Decide(hold, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context());
        var (slot, agenda, appointment) = Apply(changes, hold);
        Assert.Equal(Now.AddMinutes(5), Assert.Single(slot.Occupants).HeldUntil);
        Assert.Single(agenda.Entries);
        Assert.Equal(AppointmentStatus.Held, appointment.Status);
        Assert.Equal(Wednesday(9, 40), appointment.EndsAt);
    }

    [Fact]
    public void A_full_slot_refuses_the_next_citizen()
    {
        var full = new SlotUnit([new(Guid.NewGuid(), Guid.NewGuid(), null), new(Guid.NewGuid(), Guid.NewGuid(), null)]);
        var r = Rejected(() => HoldDecision.Decide(Hold(Wednesday(9, 20)), full, CitizenAgenda.Initial, AppointmentState.Initial, Context()));
        Assert.Equal(RejectionKind.Conflict, r.Kind);
        Assert.Contains("taken", r.Message);
    }

    [Fact]
    public void An_expired_hold_frees_its_place_for_the_next_citizen_and_is_swept()
    {
        var clock = new FakeTimeProvider(Now);
        var first = Hold(Wednesday(9, 20), now: clock.GetUtcNow());
        var (slot, _, _) = Apply(HoldDecision.Decide(first, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context(Office(desks: 1))), first);

        clock.Advance(TimeSpan.FromMinutes(4));
        Rejected(() => HoldDecision.Decide(Hold(Wednesday(9, 20), now: clock.GetUtcNow()), slot, CitizenAgenda.Initial, AppointmentState.Initial, Context(Office(desks: 1))));

        clock.Advance(TimeSpan.FromMinutes(1));
        var second = Hold(Wednesday(9, 20), now: clock.GetUtcNow());
        var changes = HoldDecision.Decide(second, slot, CitizenAgenda.Initial, AppointmentState.Initial, Context(Office(desks: 1)));
        var events = Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Wednesday(9, 20)));
        Assert.Equal(new SlotFreed(first.AppointmentId, "hold-expired", clock.GetUtcNow()), events[0]);
        Assert.IsType<SlotTaken>(events[1]);
    }

    [Fact]
    public void Confirming_in_time_books_and_confirming_an_expired_hold_is_refused()
    {
        var clock = new FakeTimeProvider(Now);
        var hold = Hold(Wednesday(9, 20), now: clock.GetUtcNow());
        var (slot, agenda, appointment) = Apply(HoldDecision.Decide(hold, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context()), hold);

        clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var confirmed = ConfirmDecision.Decide(new ConfirmHold(hold.AppointmentId, clock.GetUtcNow()), slot, agenda, appointment);
        Assert.IsType<AppointmentBooked>(Assert.Single(Change.For(confirmed, AppointmentState.StreamKey(hold.AppointmentId))));

        clock.Advance(TimeSpan.FromSeconds(1));
        var r = Rejected(() => ConfirmDecision.Decide(new ConfirmHold(hold.AppointmentId, clock.GetUtcNow()), slot, agenda, appointment));
        Assert.Equal(RejectionKind.Conflict, r.Kind);
        Assert.Contains("expired", r.Message);
    }

    [Fact]
    public void Booking_at_once_leaves_a_confirmed_place_that_never_expires()
    {
        var hold = Hold(Wednesday(9, 20));
        var (slot, agenda, appointment) = Apply(HoldDecision.DecideBooking(hold, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context()), hold);
        Assert.Null(Assert.Single(slot.Occupants).HeldUntil);
        Assert.Null(Assert.Single(agenda.Entries).HeldUntil);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
    }

    [Theory]
    [InlineData(9, 0, "passed")]   // now is 10:00
    [InlineData(10, 20, "ahead")]  // less than the hour of notice
    public void Past_or_too_soon_slots_are_refused_naming_startsAt(int hour, int minute, string reason)
    {
        var start = new DateTimeOffset(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(1));
        var r = Rejected(() => HoldDecision.Decide(Hold(start), SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context()));
        Assert.Equal("startsAt", r.Field);
        Assert.Contains(reason, r.Message);
    }

    [Theory]
    [InlineData(2026, 12, 2, 18, 0, "not the start of a slot")]  // closing time
    [InlineData(2026, 12, 2, 9, 10, "not the start of a slot")]  // off the grid
    [InlineData(2026, 12, 4, 15, 0, "not the start of a slot")]  // Friday afternoon
    [InlineData(2026, 12, 5, 10, 0, "closed")]                   // Saturday
    [InlineData(2026, 12, 8, 10, 0, "closed")]                   // holiday
    public void Out_of_hours_slots_are_refused_naming_startsAt(int y, int mo, int d, int h, int mi, string reason)
    {
        var r = Rejected(() => HoldDecision.Decide(Hold(new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.FromHours(1))), SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context()));
        Assert.Equal(RejectionKind.Invalid, r.Kind);
        Assert.Equal("startsAt", r.Field);
        Assert.Contains(reason, r.Message);
    }

    [Fact]
    public void Beyond_the_booking_horizon_is_refused()
    {
        var r = Rejected(() => HoldDecision.Decide(Hold(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.FromHours(1))), SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context()));
        Assert.Contains("60 days", r.Message);
    }

    [Fact]
    public void An_unknown_office_is_not_found_and_a_procedure_it_does_not_serve_is_invalid()
    {
        Assert.Equal(RejectionKind.NotFound, Rejected(() => HoldDecision.Decide(Hold(Wednesday(9, 20)), SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, new SlotContext(null, Calendars, Slot, Policy))).Kind);
        Assert.Equal("procedureCode", Rejected(() => HoldDecision.Decide(Hold(Wednesday(9, 20), procedure: "civil-marriage"), SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context())).Field);
    }

    [Fact]
    public void A_citizen_cannot_hold_two_appointments_for_one_procedure()
    {
        var citizen = Guid.NewGuid();
        var agenda = new CitizenAgenda([new AgendaEntry(Guid.NewGuid(), Procedure, Wednesday(12, 0), Wednesday(12, 20), null)]);
        var r = Rejected(() => HoldDecision.Decide(Hold(Wednesday(9, 20), citizen), SlotUnit.Initial, agenda, AppointmentState.Initial, Context()));
        Assert.Equal(RejectionKind.Conflict, r.Kind);
        Assert.Contains("already has an appointment for", r.Message);
    }

    [Fact]
    public void A_citizen_cannot_have_overlapping_appointments_but_an_expired_hold_does_not_count()
    {
        var overlapping = new CitizenAgenda([new AgendaEntry(Guid.NewGuid(), "tax-instalments", Wednesday(9, 30), Wednesday(9, 40), null)]);
        Assert.Contains("at that time", Rejected(() => HoldDecision.Decide(Hold(Wednesday(9, 20)), SlotUnit.Initial, overlapping, AppointmentState.Initial, Context())).Message);

        var expired = new CitizenAgenda([new AgendaEntry(Guid.NewGuid(), Procedure, Wednesday(9, 20), Wednesday(9, 40), Now.AddSeconds(-1))]);
        Assert.NotEmpty(HoldDecision.Decide(Hold(Wednesday(9, 20)), SlotUnit.Initial, expired, AppointmentState.Initial, Context()));
    }

    private static (SlotUnit Slot, CitizenAgenda Agenda, AppointmentState Appointment, HoldSlot Hold) Booked(DateTimeOffset start)
    {
        var hold = Hold(start);
        var (slot, agenda, appointment) = Apply(HoldDecision.DecideBooking(hold, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context()), hold);
        return (slot, agenda, appointment, hold);
    }

    [Fact]
    public void Rescheduling_frees_the_old_place_and_takes_the_new_one_in_one_decision_raising_the_sequence()
    {
        var (slot, agenda, appointment, hold) = Booked(Wednesday(9, 20));
        var changes = RescheduleDecision.Decide(new RescheduleAppointment(hold.AppointmentId, Wednesday(11, 0), null, Now), appointment, slot, SlotUnit.Initial, agenda, Context());
        Assert.IsType<SlotFreed>(Assert.Single(Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Wednesday(9, 20)))));
        Assert.IsType<SlotTaken>(Assert.Single(Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Wednesday(11, 0)))));
        var moved = Assert.IsType<AppointmentRescheduled>(Assert.Single(Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId))));
        Assert.Equal(1, moved.Sequence);
    }

    [Fact]
    public void Rescheduling_into_a_full_slot_is_refused_and_keeps_the_old_one()
    {
        var (slot, agenda, appointment, hold) = Booked(Wednesday(9, 20));
        var full = new SlotUnit([new(Guid.NewGuid(), Guid.NewGuid(), null), new(Guid.NewGuid(), Guid.NewGuid(), null)]);
        var r = Rejected(() => RescheduleDecision.Decide(new RescheduleAppointment(hold.AppointmentId, Wednesday(11, 0), null, Now), appointment, slot, full, agenda, Context()));
        Assert.Contains("stays where it was", r.Message);
    }

    [Fact]
    public void Cancelling_frees_the_place_and_a_second_cancel_changes_nothing()
    {
        var (_, _, appointment, hold) = Booked(Wednesday(9, 20));
        var changes = CancelDecision.Decide(new CancelAppointment(hold.AppointmentId, "no longer needed", null, "kiosk-app", Now), appointment);
        Assert.IsType<SlotFreed>(Assert.Single(Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Wednesday(9, 20)))));
        var cancelled = Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId)).Aggregate(appointment, AppointmentState.Evolve);
        Assert.Empty(CancelDecision.Decide(new CancelAppointment(hold.AppointmentId, null, null, "kiosk-app", Now), cancelled));
    }

    [Fact]
    public void Check_in_opens_an_hour_before_and_closes_when_the_grace_period_ends()
    {
        var (_, _, appointment, hold) = Booked(Wednesday(11, 0));
        Assert.Contains("Too early", Rejected(() => CheckInDecision.Decide(new CheckIn(hold.AppointmentId, "kiosk", Wednesday(9, 59)), appointment, Policy)).Message);
        Assert.IsType<AppointmentCheckedIn>(Assert.Single(CheckInDecision.Decide(new CheckIn(hold.AppointmentId, "kiosk", Wednesday(10, 0)), appointment, Policy)));
        Assert.IsType<AppointmentCheckedIn>(Assert.Single(CheckInDecision.Decide(new CheckIn(hold.AppointmentId, "kiosk", Wednesday(11, 15)), appointment, Policy)));
        Assert.Contains("Too late", Rejected(() => CheckInDecision.Decide(new CheckIn(hold.AppointmentId, "kiosk", Wednesday(11, 16)), appointment, Policy)).Message);
    }

    [Fact]
    public void A_booked_appointment_becomes_a_no_show_only_after_the_grace_period()
    {
        var (_, _, appointment, hold) = Booked(Wednesday(11, 0));
        Assert.Empty(MissDecision.Decide(new MarkMissed(hold.AppointmentId, Wednesday(11, 15)), appointment, Policy));
        var changes = MissDecision.Decide(new MarkMissed(hold.AppointmentId, Wednesday(11, 16)), appointment, Policy);
        Assert.IsType<AppointmentMissed>(Assert.Single(Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId))));
        var checkedIn = AppointmentState.Evolve(appointment, new AppointmentCheckedIn(appointment.Ref, "kiosk", appointment.StartsAt, appointment.EndsAt, Wednesday(10, 50)));
        Assert.Empty(MissDecision.Decide(new MarkMissed(hold.AppointmentId, Wednesday(12, 0)), checkedIn, Policy));
    }

    [Fact]
    public void A_reminder_is_due_once_a_day_before_in_the_citizens_language_and_channel()
    {
        var (_, _, appointment, hold) = Booked(Wednesday(11, 0));
        Assert.Empty(ReminderDecision.Decide(new SendReminder(hold.AppointmentId, "Plaça", "es", "whatsapp", Wednesday(11, 0).AddHours(-25)), appointment, Policy));
        var due = Assert.IsType<AppointmentReminderDue>(Assert.Single(ReminderDecision.Decide(new SendReminder(hold.AppointmentId, "Plaça", "es", "whatsapp", Wednesday(11, 0).AddHours(-23)), appointment, Policy)));
        Assert.Equal(("es", "whatsapp"), (due.Language, due.PreferredChannel));
        Assert.Empty(ReminderDecision.Decide(new SendReminder(hold.AppointmentId, "Plaça", "es", "whatsapp", Wednesday(11, 0).AddHours(-22)), AppointmentState.Evolve(appointment, due), Policy));
    }
}
