using Omnichannel.Appointments.Slots;
using static Omnichannel.Appointments.Tests.Examples;

namespace Omnichannel.Appointments.Tests;

public sealed class SlotGridTests
{
    [Fact]
    public void A_weekday_has_back_to_back_slots_from_opening_until_the_last_that_ends_by_closing()
    {
        var slots = SlotGrid.On(Calendars.For("on-site"), [], new DateOnly(2026, 12, 2), TimeSpan.FromMinutes(20));
        Assert.Equal(27, slots.Count); // 09:00–18:00 = 9 h = 27 slots of 20 minutes
        Assert.Equal(Wednesday(9, 0), slots[0].Start);
        Assert.Equal(Wednesday(17, 40), slots[^1].Start);
        Assert.Equal(Wednesday(18, 0), slots[^1].End);
    }

    [Fact]
    public void Friday_short_hours_end_the_slots_at_three()
    {
        var slots = SlotGrid.On(Calendars.For("on-site"), [], new DateOnly(2026, 12, 4), TimeSpan.FromMinutes(25));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 14, 25, 0, TimeSpan.FromHours(1)), slots[^1].Start);
        Assert.All(slots, s => Assert.True(s.End <= new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.FromHours(1))));
        Assert.Equal(14, slots.Count); // 6 h / 25 min = 14 whole slots; a 15th would end at 15:15
    }

    [Fact]
    public void Slots_after_the_spring_change_start_at_nine_summer_time()
    {
        var friday = SlotGrid.On(Calendars.For("on-site"), [], new DateOnly(2026, 3, 27), Slot);
        var monday = SlotGrid.On(Calendars.For("on-site"), [], new DateOnly(2026, 3, 30), Slot);
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero), friday[0].Start.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), monday[0].Start.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(2), monday[0].Start.Offset);
    }

    [Theory]
    [InlineData(2026, 3, 29, 23)]  // spring forward: 23 hours
    [InlineData(2026, 10, 25, 25)] // fall back: 25 hours
    [InlineData(2026, 6, 14, 24)]
    public void A_day_open_round_the_clock_has_as_many_hourly_slots_as_the_day_has_hours(int year, int month, int day, int expected)
    {
        var slots = SlotGrid.On(Calendars.For("always"), [], new DateOnly(year, month, day), TimeSpan.FromHours(1));
        Assert.Equal(expected, slots.Count);
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
    }

    [Fact]
    public void Holidays_and_declared_closures_have_no_slots()
    {
        Assert.Empty(SlotGrid.On(Calendars.For("on-site"), [], new DateOnly(2026, 12, 8), Slot)); // Immaculate Conception
        Assert.Empty(SlotGrid.On(Calendars.For("on-site"), [new DateOnly(2026, 12, 2)], new DateOnly(2026, 12, 2), Slot));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 5)]
    [InlineData(7, 10)]
    [InlineData(20, 20)]
    [InlineData(21, 25)]
    public void The_slot_length_is_the_average_attention_rounded_up_to_five_minutes(int minutes, int expected) =>
        Assert.Equal(TimeSpan.FromMinutes(expected), SlotGrid.LengthFor(minutes));
}
