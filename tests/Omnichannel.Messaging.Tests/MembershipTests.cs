using Omnichannel.Messaging.Broadcast.Alerts;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Broadcast.Topics;
using Omnichannel.Messaging.Channels;

namespace Omnichannel.Messaging.Tests;

/// <summary>The broadcast lists' words and decisions, and an alert recipient's statuses (pure).</summary>
public sealed class MembershipTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly Topic Obres = new() { Id = "obres", Names = new("Obres al carrer", "Obras en la calle", "Street works") };

    [Theory]
    [InlineData("ALTA obres", "ca", "join", "ca", "obres")]
    [InlineData("  alta   Obras en la calle ", "es", "join", "es", "obras en la calle")]
    [InlineData("Join street works!", "ca", "join", "en", "street works")]
    [InlineData("BAIXA obres", "ca", "leave", "ca", "obres")]
    [InlineData("baja obres", "ca", "leave", "es", "obres")]
    [InlineData("leave obres", "es", "leave", "en", "obres")]
    [InlineData("STOP", "es", "stop", "es", "")]
    [InlineData("Baixa", "es", "stop", "ca", "")]
    [InlineData("bája.", "ca", "stop", "es", "")]
    public void The_lists_words_are_read_in_three_languages_ignoring_case_accents_and_spaces(string text, string conversation, string kind, string language, string topic)
    {
        var intent = MembershipWords.Read(text, conversation);
        Assert.NotNull(intent);
        Assert.Equal(language, intent.Language);
        switch (kind)
        {
            case "join": Assert.Equal(topic, Assert.IsType<MembershipIntent.Join>(intent).TopicWords); break;
            case "leave": Assert.Equal(topic, Assert.IsType<MembershipIntent.Leave>(intent).TopicWords); break;
            default: Assert.IsType<MembershipIntent.StopAll>(intent); break;
        }
    }

    [Theory]
    [InlineData("HORARI")]
    [InlineData("alta")]
    [InlineData("altaveu obres")]
    [InlineData("stop obres ara")]
    public void Other_messages_are_not_the_lists_business(string text) =>
        Assert.Null(MembershipWords.Read(text, "ca"));

    [Fact]
    public void A_topic_is_called_by_its_code_or_any_of_its_names()
    {
        Assert.True(Obres.IsCalled("OBRES"));
        Assert.True(Obres.IsCalled("obras en la calle"));
        Assert.True(Obres.IsCalled("Street  Works"));
        Assert.False(Obres.IsCalled("aigua"));
    }

    [Fact]
    public void Joining_twice_changes_nothing_and_joining_after_stop_lifts_the_opt_out()
    {
        var joined = MembershipDecisions.Join(MembershipState.Initial, Obres, "ca", "telegram", "citymes", "1", At);
        var state = joined.Events.OfType<IMembershipEvent>().Aggregate(MembershipState.Initial, MembershipState.Evolve);
        Assert.Empty(MembershipDecisions.Join(state, Obres, "ca", "telegram", "citymes", "1", At).Events);

        var stopped = MembershipDecisions.Stop(state, "ca", At);
        Assert.Equal(["obres"], Assert.IsType<OptedOut>(Assert.Single(stopped.Events)).Topics);
        state = stopped.Events.OfType<IMembershipEvent>().Aggregate(state, MembershipState.Evolve);
        Assert.Empty(MembershipDecisions.Stop(state, "ca", At).Events);
        Assert.Collection(MembershipDecisions.Join(state, Obres, "es", "telegram", "citymes", "1", At).Events,
            e => Assert.IsType<OptedIn>(e), e => Assert.Equal("es", Assert.IsType<TopicJoined>(e).Language));
    }

    [Fact]
    public void A_join_a_leave_and_a_stop_keep_the_topics_names_for_the_citizens_history()
    {
        var joined = Assert.IsType<TopicJoined>(Assert.Single(MembershipDecisions.Join(MembershipState.Initial, Obres, "ca", "telegram", "citymes", "1", At).Events));
        Assert.Equal(Obres.Names, joined.TopicNames);
        var member = new MembershipState(new HashSet<string> { "obres", "aigua" }, false);
        Assert.Equal(Obres.Names, Assert.IsType<TopicLeft>(Assert.Single(MembershipDecisions.Leave(member, Obres, "ca", At).Events)).TopicNames);

        // A topic the council no longer has keeps its code for a name.
        var stopped = Assert.IsType<OptedOut>(Assert.Single(MembershipDecisions.Stop(member, "ca", At, topics: [Obres]).Events));
        Assert.Equal(["aigua", "obres"], stopped.Topics);
        Assert.Equal(new Omnichannel.Contracts.LocalizedText[] { new("aigua", "aigua", "aigua"), Obres.Names }, stopped.TopicNames);
    }

    [Fact]
    public void A_retired_or_unknown_topic_takes_no_member_but_a_member_may_leave_a_retired_one()
    {
        var retired = new Topic { Id = "obres", Names = Obres.Names, Retired = true };
        Assert.Empty(MembershipDecisions.Join(MembershipState.Initial, retired, "ca", "telegram", "b", "1", At).Events);
        Assert.Empty(MembershipDecisions.Join(MembershipState.Initial, null, "ca", "telegram", "b", "1", At).Events);
        var member = new MembershipState(new HashSet<string> { "obres" }, false);
        Assert.IsType<TopicLeft>(Assert.Single(MembershipDecisions.Leave(member, retired, "ca", At).Events));
        Assert.Empty(MembershipDecisions.Leave(MembershipState.Initial, retired, "ca", At).Events);
    }

    [Theory]
    [InlineData(RecipientStatus.Sent, DeliveryStatus.Read, RecipientStatus.Read)]
    [InlineData(RecipientStatus.Read, DeliveryStatus.Delivered, null)]
    [InlineData(RecipientStatus.Delivered, DeliveryStatus.Sent, null)]
    [InlineData(RecipientStatus.Read, DeliveryStatus.Failed, null)]
    [InlineData(RecipientStatus.Delivered, DeliveryStatus.Failed, RecipientStatus.Failed)]
    [InlineData(RecipientStatus.Failed, DeliveryStatus.Read, null)]
    [InlineData(RecipientStatus.Sent, DeliveryStatus.Delivered, RecipientStatus.Delivered)]
    public void An_alert_recipients_status_only_moves_forward(RecipientStatus known, DeliveryStatus reported, RecipientStatus? next) =>
        Assert.Equal(next, RecipientDecisions.Next(known, reported));
}
