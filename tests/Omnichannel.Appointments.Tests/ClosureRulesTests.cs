using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.Appointments.Closures;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Offices.Closing;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using static Omnichannel.Appointments.Tests.Examples;

namespace Omnichannel.Appointments.Tests;

/// <summary>The office closes on Wednesday 2 December: what happens to the appointments already booked that day.</summary>
public sealed class ClosureRulesTests
{
    private static readonly DateOnly ClosedOn = new(2026, 12, 2);
    private const string Reason = "Obres a l'edifici";
    private static readonly BuildingBlocks.Calendar.BusinessCalendar OnSite = Calendars.For("on-site");

    /// <summary>Thursday 3 December, Madrid time.</summary>
    private static DateTimeOffset Thursday(int hour, int minute) => new(2026, 12, 3, hour, minute, 0, TimeSpan.FromHours(1));

    private static OfficeView ClosedOffice(int desks = 2)
    {
        var office = Office(desks);
        office.Closures.Add(ClosedOn);
        return office;
    }

    private static OfficeView OtherOffice() => new()
    {
        Id = OfficeState.StreamKey("cc-cerdanyola"), OfficeId = "cc-cerdanyola", Name = new("Cerdanyola", "Cerdanyola", "Cerdanyola"),
        Address = "Centre Cívic Cerdanyola, Mataró", Calendar = "on-site", Desks = 2, Procedures = new() { [Procedure] = 1 },
    };

    private static RelocateForClosure Relocate(Guid appointmentId, DateTimeOffset? now = null) =>
        new(appointmentId, OfficeId, ClosedOn, Reason, "es", "whatsapp", now ?? Now);

    /// <summary>Given: a citizen booked (or only held) a slot on Wednesday.</summary>
    private static (SlotUnit Slot, CitizenAgenda Agenda, AppointmentState Appointment, HoldSlot Hold) Given(DateTimeOffset start, bool confirmed = true)
    {
        var hold = Hold(start);
        var changes = confirmed
            ? HoldDecision.DecideBooking(hold, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context())
            : HoldDecision.Decide(hold, SlotUnit.Initial, CitizenAgenda.Initial, AppointmentState.Initial, Context());
        var (slot, agenda, appointment) = Apply(changes, hold);
        return (slot, agenda, appointment, hold);
    }

    private static Offer OfferAt(DateTimeOffset start, SlotUnit? slot = null, OfficeView? office = null) =>
        new(start, slot ?? SlotUnit.Initial, Context(office ?? ClosedOffice()));

    [Fact]
    public void A_booked_appointment_on_the_closed_day_moves_to_the_offered_slot_freeing_the_old_place_in_the_same_decision_and_raising_the_sequence()
    {
        var (_, agenda, appointment, hold) = Given(Wednesday(9, 20));

        var changes = ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, agenda, OfferAt(Thursday(9, 0)), OnSite);

        Assert.Equal([new SlotFreed(hold.AppointmentId, "office-closed", Now)], Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Wednesday(9, 20))));
        Assert.Equal([new SlotTaken(OfficeId, Procedure, hold.AppointmentId, hold.CitizenId, Thursday(9, 0), Thursday(9, 20), null, Now)],
            Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Thursday(9, 0))));
        Assert.Equal([new AgendaEntryMoved(hold.AppointmentId, Thursday(9, 0), Thursday(9, 20))], Change.For(changes, CitizenAgenda.StreamKey(hold.CitizenId)));
        Assert.Equal([new AppointmentMovedByClosure(appointment.Ref, OfficeId, Wednesday(9, 20), Thursday(9, 0), Thursday(9, 20), 1, ClosedOn, Reason,
                "Plaça de la Muralla, Mataró", "es", "whatsapp", Now)],
            Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId)));
        Assert.Equal(4, changes.Count);
    }

    [Fact]
    public void An_appointment_already_moved_off_the_closed_day_is_not_moved_or_cancelled_again()
    {
        var (_, agenda, appointment, hold) = Given(Wednesday(9, 20));
        var moved = Change.For(ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, agenda, OfferAt(Thursday(9, 0)), OnSite),
            AppointmentState.StreamKey(hold.AppointmentId)).Aggregate(appointment, AppointmentState.Evolve);

        Assert.Empty(ClosureDecision.Decide(Relocate(hold.AppointmentId), moved, agenda, OfferAt(Thursday(10, 0)), OnSite));
        Assert.Empty(ClosureDecision.Decide(Relocate(hold.AppointmentId), moved, agenda, null, OnSite));
    }

    [Fact]
    public void With_no_free_slot_left_the_appointment_is_cancelled_with_the_closures_reason_and_the_citizen_is_told_in_their_language_and_channel()
    {
        var (_, agenda, appointment, hold) = Given(Wednesday(9, 20));

        var changes = ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, agenda, offer: null, OnSite);

        Assert.Equal([new SlotFreed(hold.AppointmentId, "office-closed", Now)], Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Wednesday(9, 20))));
        Assert.Equal([new AgendaEntryRemoved(hold.AppointmentId)], Change.For(changes, CitizenAgenda.StreamKey(hold.CitizenId)));
        Assert.Equal([new AppointmentCancelledByClosure(appointment.Ref, Wednesday(9, 20), ClosedOn, Reason, "es", "whatsapp", Now)],
            Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId)));
        var cancelled = Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId)).Aggregate(appointment, AppointmentState.Evolve);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Empty(ClosureDecision.Decide(Relocate(hold.AppointmentId), cancelled, agenda, null, OnSite));
    }

    [Fact]
    public void Cancelled_checked_in_already_started_or_expired_appointments_and_those_of_other_days_or_offices_are_left_alone()
    {
        var (_, agenda, booked, hold) = Given(Wednesday(11, 0));
        var notStranded = new[]
        {
            AppointmentState.Evolve(booked, new AppointmentCancelled(booked.Ref, null, booked.StartsAt, "no longer needed", "citizen", Now)),
            AppointmentState.Evolve(booked, new AppointmentCheckedIn(booked.Ref, "kiosk", booked.StartsAt, booked.EndsAt, Now)),
            booked with { Ref = booked.Ref with { OfficeId = "cc-cerdanyola" } },
            booked with { StartsAt = Thursday(11, 0), EndsAt = Thursday(11, 20) },
            Given(Wednesday(11, 0), confirmed: false).Appointment,
        };
        Assert.All(notStranded, a => Assert.Empty(ClosureDecision.Decide(Relocate(a.Ref.AppointmentId, now: Now.AddMinutes(6)), a, agenda, null, OnSite)));
        Assert.Empty(ClosureDecision.Decide(Relocate(hold.AppointmentId, now: Wednesday(11, 1)), booked, agenda, null, OnSite)); // already started
        Assert.NotEmpty(ClosureDecision.Decide(Relocate(hold.AppointmentId, now: Now.AddMinutes(6)), booked, agenda, null, OnSite));
    }

    [Fact]
    public void A_held_appointment_moves_still_held_until_the_same_time()
    {
        var (_, agenda, held, hold) = Given(Wednesday(9, 20), confirmed: false);

        var changes = ClosureDecision.Decide(Relocate(hold.AppointmentId), held, agenda, OfferAt(Thursday(9, 0)), OnSite);

        var taken = Assert.IsType<SlotTaken>(Assert.Single(Change.For(changes, SlotUnit.StreamKey(OfficeId, Procedure, Thursday(9, 0)))));
        Assert.Equal(held.HeldUntil, taken.HeldUntil);
        var moved = Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId)).Aggregate(held, AppointmentState.Evolve);
        Assert.Equal((AppointmentStatus.Held, Thursday(9, 0), held.HeldUntil), (moved.Status, moved.StartsAt, moved.HeldUntil));
    }

    [Fact]
    public void Offers_the_booking_rules_refuse_are_rejections_so_the_next_one_is_tried()
    {
        var (_, agenda, appointment, hold) = Given(Wednesday(9, 20));
        var full = new SlotUnit([new(Guid.NewGuid(), Guid.NewGuid(), null), new(Guid.NewGuid(), Guid.NewGuid(), null)]);
        var busy = new CitizenAgenda([.. agenda.Entries, new AgendaEntry(Guid.NewGuid(), "tax-instalments", Thursday(9, 0), Thursday(9, 10), null)]);

        Assert.Equal(RejectionKind.Conflict, Rejected(() => ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, agenda, OfferAt(Thursday(9, 0), full), OnSite)).Kind);
        Assert.Contains("closed", Rejected(() => ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, agenda, OfferAt(Wednesday(12, 0)), OnSite)).Message);
        Assert.Contains("at that time", Rejected(() => ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, busy, OfferAt(Thursday(9, 0)), OnSite)).Message);
    }

    [Fact]
    public void A_move_to_another_office_names_that_office_on_the_appointment_and_takes_a_place_in_its_slot()
    {
        var (_, agenda, appointment, hold) = Given(Wednesday(9, 20));

        var changes = ClosureDecision.Decide(Relocate(hold.AppointmentId), appointment, agenda, OfferAt(Wednesday(10, 0), office: OtherOffice()), OnSite);

        Assert.IsType<SlotTaken>(Assert.Single(Change.For(changes, SlotUnit.StreamKey("cc-cerdanyola", Procedure, Wednesday(10, 0)))));
        var e = Assert.IsType<AppointmentMovedByClosure>(Assert.Single(Change.For(changes, AppointmentState.StreamKey(hold.AppointmentId))));
        Assert.Equal(("cc-cerdanyola", OfficeId, "Centre Cívic Cerdanyola, Mataró"), (e.Ref.OfficeId, e.PreviousOfficeId, e.OfficeAddress));
        var moved = AppointmentState.Evolve(appointment, e);
        Assert.Equal(("cc-cerdanyola", Wednesday(10, 0), 1), (moved.Ref.OfficeId, moved.StartsAt, moved.Sequence));
    }

    [Fact]
    public void Offers_are_the_closed_offices_later_days_first_then_other_offices_from_the_original_time_on_earliest_first()
    {
        FreeSlot At(string office, DateTimeOffset start) => new(office, start, start.AddMinutes(20), 1);
        var free = new[]
        {
            At("cc-rocafonda", Wednesday(12, 0)), At("cc-cerdanyola", Wednesday(12, 0)), At("cc-cerdanyola", Wednesday(9, 0)),
            At(OfficeId, Thursday(10, 0)), At(OfficeId, Thursday(9, 0)), At("cc-rocafonda", Wednesday(11, 0)),
        };

        var offers = ClosureDecision.Preference(free, OfficeId, Wednesday(11, 0));

        Assert.Equal([At(OfficeId, Thursday(9, 0)), At(OfficeId, Thursday(10, 0)), At("cc-rocafonda", Wednesday(11, 0)),
            At("cc-cerdanyola", Wednesday(12, 0)), At("cc-rocafonda", Wednesday(12, 0))], offers);
    }

    [Fact]
    public void A_closure_is_refused_for_a_past_day_or_an_unknown_office_and_declaring_it_twice_changes_nothing()
    {
        var office = OfficeState.Evolve(OfficeState.Initial, new OfficeRegistered(OfficeId, new("a", "a", "a"), "addr", "on-site", 3, Now, "staff"));
        var today = DateOnly.FromDateTime(Now.DateTime);
        DeclareClosure Close(DateOnly day) => new(OfficeId, day, Reason, Now, "staff");

        Assert.Equal("date", Rejected(() => DeclareClosureDecision.Decide(Close(today.AddDays(-1)), office, today)).Field);
        Assert.Equal(RejectionKind.NotFound, Rejected(() => DeclareClosureDecision.Decide(Close(ClosedOn), OfficeState.Initial, today)).Kind);
        var declared = Assert.Single(DeclareClosureDecision.Decide(Close(ClosedOn), office, today));
        Assert.Empty(DeclareClosureDecision.Decide(Close(ClosedOn), OfficeState.Evolve(office, declared), today));
    }
}
