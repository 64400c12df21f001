using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.BuildingBlocks.Tests.Auth;

/// <summary>Which tokens of a disabled (and enabled again) staff account are refused, from the events in any order.</summary>
public sealed class StaffAccessWithdrawalsTests
{
    private static readonly DateTimeOffset DisabledAt = new(2026, 11, 30, 10, 0, 0, 500, TimeSpan.Zero);
    private readonly StaffAccessWithdrawals withdrawals = new();

    [Fact]
    public void Every_token_of_a_disabled_account_is_refused_and_another_account_s_is_not()
    {
        withdrawals.Disabled("a", DisabledAt);

        Assert.True(withdrawals.Refuses("a", DisabledAt.AddMinutes(-10)));
        Assert.True(withdrawals.Refuses("a", DisabledAt.AddMinutes(1)));
        Assert.False(withdrawals.Refuses("b", DisabledAt.AddMinutes(-10)));
    }

    [Fact]
    public void Once_enabled_again_only_the_tokens_issued_up_to_the_disabling_s_second_are_refused()
    {
        withdrawals.Disabled("a", DisabledAt);
        withdrawals.Enabled("a", DisabledAt.AddMinutes(2));

        Assert.True(withdrawals.Refuses("a", DisabledAt.AddMinutes(-10)));
        Assert.True(withdrawals.Refuses("a", DisabledAt.AddMilliseconds(-500))); // its iat is the disabling's second
        Assert.False(withdrawals.Refuses("a", DisabledAt.AddSeconds(1)));
    }

    [Fact]
    public void The_latest_change_wins_whatever_order_the_events_and_the_start_s_reading_arrive_in()
    {
        withdrawals.Disabled("a", DisabledAt.AddMinutes(5));
        withdrawals.Enabled("a", DisabledAt.AddMinutes(2), disabledAt: DisabledAt); // older: the start's reading, after the event
        withdrawals.Disabled("a", DisabledAt.AddMinutes(5)); // the same event again

        Assert.True(withdrawals.Refuses("a", DisabledAt.AddMinutes(6)));
    }

    [Fact]
    public void Enabling_an_account_never_seen_disabled_refuses_nothing()
    {
        withdrawals.Enabled("a", DisabledAt);

        Assert.False(withdrawals.Refuses("a", DisabledAt.AddMinutes(-1)));
    }
}
