using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Kiosks.Health;

namespace Omnichannel.Kiosks.Tests.Domain;

/// <summary>Heartbeats and the offline watch as given / when / then, on the civic centres' calendar (Monday to Friday
/// 9–21, Europe/Madrid, Catalan holidays).</summary>
public sealed class HealthTests
{
    private const string Kiosk = "K1234-567";
    private static readonly BusinessCalendar CivicCentre = new BusinessCalendars(new BusinessCalendarOptions()).For("civic-centre");
    private static readonly TimeSpan After = TimeSpan.FromSeconds(90);
    private static readonly Peripheral[] Profile = [Peripheral.Touchscreen, Peripheral.Printer, Peripheral.IdCardScanner];

    /// <summary>Madrid wall-clock time (CEST in September: UTC+2).</summary>
    private static DateTimeOffset Madrid(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(2));

    private static KioskHealth New() => KioskHealth.Initial(Kiosk, "cc-rocafonda", Profile);

    private static Heartbeat Beat(DateTimeOffset at, string version = "2.1.0", params (Peripheral, PeripheralState)[] states) =>
        new(Kiosk, at, version, states.ToDictionary(s => s.Item1, s => s.Item2), at);

    private static KioskHealth After_(KioskHealth health, IEnumerable<object> events) => events.Aggregate(health, KioskHealth.Evolve);

    private static KioskHealth SeenAt(DateTimeOffset at) => After_(New(), HealthDecisions.Decide(Beat(at), New()));

    [Fact]
    public void A_heartbeat_like_the_last_raises_no_event_but_moves_last_seen()
    {
        var health = SeenAt(Madrid(9, 9, 10));

        var events = HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 1)), health);

        Assert.IsType<HeartbeatTaken>(Assert.Single(events));
        Assert.Equal(Madrid(9, 9, 10, 1), After_(health, events).LastSeenAt);
    }

    [Fact]
    public void A_jammed_printer_is_one_change_and_its_since_stays_while_it_stays_jammed()
    {
        var health = SeenAt(Madrid(9, 9, 10));
        var jam = HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 1), "2.1.0", (Peripheral.Printer, PeripheralState.Jammed)), health);
        health = After_(health, jam);

        var still = HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 2), "2.1.0", (Peripheral.Printer, PeripheralState.Jammed)), health);

        var changed = Assert.IsType<PeripheralStateChanged>(jam[0]);
        Assert.Equal((PeripheralState.Ok, PeripheralState.Jammed), (changed.From, changed.To));
        Assert.IsType<HeartbeatTaken>(Assert.Single(still));
        Assert.Equal(Madrid(9, 9, 10, 1), After_(health, still).Peripherals.Single(p => p.Peripheral == Peripheral.Printer).Since);
    }

    [Fact]
    public void A_heartbeat_older_than_the_last_taken_is_ignored_so_the_state_never_goes_back()
    {
        var health = After_(SeenAt(Madrid(9, 9, 10)), HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 2), "2.1.0", (Peripheral.Printer, PeripheralState.Out)), SeenAt(Madrid(9, 9, 10))));

        var late = new Heartbeat(Kiosk, Madrid(9, 9, 10, 1), "2.1.0", new Dictionary<Peripheral, PeripheralState> { [Peripheral.Printer] = PeripheralState.Ok }, Madrid(9, 9, 10, 3));

        Assert.Empty(HealthDecisions.Decide(late, health));
        Assert.Empty(HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 2)), health)); // a repeat of the last one
    }

    [Fact]
    public void A_heartbeat_sent_long_ago_is_ignored_and_one_from_the_future_is_refused_naming_sent_at()
    {
        var now = Madrid(9, 9, 10);
        Assert.Empty(HealthDecisions.Decide(new Heartbeat(Kiosk, now.AddMinutes(-6), "2.1.0", new Dictionary<Peripheral, PeripheralState>(), now), New()));

        var refusal = Assert.Throws<Rejection>(() => HealthDecisions.Decide(new Heartbeat(Kiosk, now.AddMinutes(2), "2.1.0", new Dictionary<Peripheral, PeripheralState>(), now), New()));
        Assert.Equal("sentAt", refusal.Field);
    }

    [Fact]
    public void A_peripheral_the_kiosk_was_not_enrolled_with_or_a_state_it_cannot_have_is_refused_naming_it()
    {
        var nfc = Assert.Throws<Rejection>(() => HealthDecisions.Decide(Beat(Madrid(9, 9, 10), "2.1.0", (Peripheral.Nfc, PeripheralState.Ok)), New()));
        var paperlessScanner = Assert.Throws<Rejection>(() => HealthDecisions.Decide(Beat(Madrid(9, 9, 10), "2.1.0", (Peripheral.IdCardScanner, PeripheralState.PaperLow)), New()));

        Assert.Equal("peripherals.nfc", nfc.Field);
        Assert.Equal("peripherals.id-card-scanner", paperlessScanner.Field);
    }

    [Fact]
    public void A_new_software_version_is_one_change()
    {
        var events = HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 1), "2.2.0"), SeenAt(Madrid(9, 9, 10)));
        var changed = Assert.IsType<SoftwareVersionChanged>(events[0]);
        Assert.Equal(("2.1.0", "2.2.0"), (changed.From, changed.To));
    }

    [Fact]
    public void Silent_for_ninety_seconds_of_opening_hours_is_offline_once_and_the_next_heartbeat_is_back_online()
    {
        var health = SeenAt(Madrid(9, 9, 10)); // a Wednesday

        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 9, 10, 1), CivicCentre, [], After));
        var offline = HealthDecisions.DecideOffline(health, Madrid(9, 9, 10, 2), CivicCentre, [], After);
        var went = Assert.IsType<KioskWentOffline>(Assert.Single(offline));
        Assert.Equal(Madrid(9, 9, 10), went.LastSeenAt);
        health = After_(health, offline);
        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 9, 10, 5), CivicCentre, [], After)); // once, not per pass

        var back = HealthDecisions.Decide(Beat(Madrid(9, 9, 10, 6)), health);
        Assert.Equal(Madrid(9, 9, 10, 2), Assert.IsType<KioskCameBackOnline>(back[0]).OfflineSince);
        Assert.Equal(Connection.Online, After_(health, back).Connection);
    }

    [Fact]
    public void At_night_no_alarm_and_next_morning_only_after_ninety_seconds_of_opening()
    {
        var health = SeenAt(Madrid(9, 9, 20, 58)); // switched off at closing time

        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 9, 23), CivicCentre, [], After));
        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 10, 8, 59), CivicCentre, [], After));
        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 10, 9, 1), CivicCentre, [], After));
        Assert.Single(HealthDecisions.DecideOffline(health, Madrid(9, 10, 9, 2), CivicCentre, [], After));
    }

    [Fact]
    public void On_a_holiday_or_a_day_the_directory_closed_the_office_no_alarm()
    {
        var health = SeenAt(Madrid(9, 10, 20, 58)); // Thursday; Friday 11 September is the Diada

        Assert.True(CivicCentre.IsHoliday(new DateOnly(2026, 9, 11)));
        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 11, 12), CivicCentre, [], After));
        Assert.Empty(HealthDecisions.DecideOffline(health, Madrid(9, 14, 12), CivicCentre, [new DateOnly(2026, 9, 14)], After)); // a declared closure
        Assert.Single(HealthDecisions.DecideOffline(health, Madrid(9, 15, 12), CivicCentre, [new DateOnly(2026, 9, 14)], After));
    }

    [Fact]
    public void A_kiosk_never_seen_or_already_offline_is_not_marked_again()
    {
        Assert.Empty(HealthDecisions.DecideOffline(New(), Madrid(9, 9, 12), CivicCentre, [], After));
    }
}
