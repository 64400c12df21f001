using Omnichannel.Messaging.NoticeChannels;

namespace Omnichannel.Messaging.Tests;

/// <summary>The pure rules of the notice-channel codes: a code is right only for its citizen, before it expires, however
/// it is spaced; the throttle counts what is inside the window; the throttle's key is the same however a phone is typed.</summary>
public sealed class NoticeChannelCodeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Citizen = Guid.NewGuid();

    private static PendingNoticeChannelCode Pending(string code, DateTimeOffset expires) => new()
    {
        Id = PendingNoticeChannelCode.KeyFor(Citizen), CitizenId = Citizen, Channel = "telegram",
        CodeHash = NoticeChannelCodes.Hash(Citizen, code), ExpiresAt = expires,
    };

    [Fact]
    public void The_code_sent_matches_even_typed_with_spaces() =>
        Assert.True(NoticeChannelCodes.Matches(Pending("042917", Now.AddMinutes(10)), Citizen, " 042 917", Now));

    [Fact]
    public void A_wrong_code_does_not_match() =>
        Assert.False(NoticeChannelCodes.Matches(Pending("042917", Now.AddMinutes(10)), Citizen, "042918", Now));

    [Fact]
    public void An_expired_code_does_not_match() =>
        Assert.False(NoticeChannelCodes.Matches(Pending("042917", Now.AddMinutes(-1)), Citizen, "042917", Now));

    [Fact]
    public void A_code_for_another_citizen_or_for_nobody_does_not_match()
    {
        Assert.False(NoticeChannelCodes.Matches(Pending("042917", Now.AddMinutes(10)), Guid.NewGuid(), "042917", Now));
        Assert.False(NoticeChannelCodes.Matches(null, null, "042917", Now));
    }

    [Fact]
    public void New_codes_are_six_digits() =>
        Assert.All(Enumerable.Range(0, 50).Select(_ => NoticeChannelCodes.NewCode()), c => Assert.Matches("^[0-9]{6}$", c));

    [Fact]
    public void Tries_are_too_many_only_while_enough_of_them_are_inside_the_window()
    {
        var window = TimeSpan.FromMinutes(15);
        var tries = Enumerable.Range(1, 5).Select(m => Now.AddMinutes(-m)).ToList();
        Assert.True(NoticeChannelCodes.TooMany(tries, Now, 5, window));
        Assert.False(NoticeChannelCodes.TooMany(tries, Now.AddMinutes(11), 5, window));
        Assert.Equal(3, NoticeChannelCodes.Recent(tries, Now.AddMinutes(11), window).Count); // those after 09:56: 09:57, 09:58, 09:59
    }

    [Fact]
    public void A_phone_typed_with_or_without_the_country_code_is_one_identity_for_the_throttle()
    {
        Assert.Equal(NoticeChannelCodes.IdentityKey("mataro", "phone", "612 345 678"), NoticeChannelCodes.IdentityKey("mataro", "phone", "+34612345678"));
        Assert.NotEqual(NoticeChannelCodes.IdentityKey("mataro", "phone", "612345678"), NoticeChannelCodes.IdentityKey("other", "phone", "612345678"));
        Assert.DoesNotContain("612345678", NoticeChannelCodes.IdentityKey("mataro", "phone", "612345678"));
    }

    [Fact]
    public void The_message_says_the_code_and_when_it_expires_in_each_language()
    {
        var message = NoticeChannelCodes.Message("042917", 10);
        Assert.All(new[] { message.In("ca"), message.In("es"), message.In("en") }, m => { Assert.Contains("042917", m); Assert.Contains("10", m); });
    }
}
