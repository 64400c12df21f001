using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.CodeThrottling;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using Omnichannel.Messaging.Operators.HandingOver;

namespace Omnichannel.Messaging.Tests;

/// <summary>The operators' side, pure: given a conversation, when a message is routed or an operator acts, then events.</summary>
public sealed class OperatorDeskTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Handover = Guid.Parse("6f1d2c3b-0000-4000-8000-000000000001");
    private static readonly ConversationStarted Started = new("telegram", "citymes", "42", "ca", null, At);
    private static readonly OperatorAvailability Open = new(true, "de dilluns a divendres de 08:00 a 19:00");
    private static readonly OperatorAvailability Closed = Open with { Open = false };

    private static Conversation Given(params object[] events) => events.Aggregate(Conversation.Initial, Conversation.Evolve);

    private static InboundMessage Message(MessageKind kind = MessageKind.Text, string? text = "hola") =>
        new() { DeliveryId = "1", ChatId = "42", Kind = kind, Text = text };

    private static Routed Route(Conversation state, Reply? reply, OperatorAvailability now, MessageKind kind = MessageKind.Text) =>
        DeskRouting.Route(state.Desk, Opening, Message(kind), reply, () => now, () => "Paraules clau (funcionen 24 hores):", Handover, At);

    private static readonly Opening Opening = new("telegram", "citymes", "42", "ca", null);

    private static readonly Reply Unanswered = new("…", ReplyReasons.Unanswered, null);

    [Fact]
    public void An_unanswered_message_in_operator_hours_is_handed_over_and_the_citizen_told()
    {
        var routed = Route(Given(Started), Unanswered, Open);
        Assert.Equal(new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At), Assert.Single(routed.Events));
        Assert.Equal((OperatorTexts.HandedOver.Ca, ReplyReasons.HandedOver), (routed.Reply!.Text, routed.Reply.Reason));
    }

    [Fact]
    public void Outside_operator_hours_the_citizen_gets_the_hours_and_the_keyword_list_and_nothing_is_handed_over()
    {
        var routed = Route(Given(Started), new Reply("…", ReplyReasons.OperatorRequested, null), Closed);
        Assert.Empty(routed.Events);
        Assert.Equal(ReplyReasons.OutOfHours, routed.Reply!.Reason);
        Assert.Contains("de dilluns a divendres de 08:00 a 19:00", routed.Reply.Text);
        Assert.EndsWith("Paraules clau (funcionen 24 hores):", routed.Reply.Text);
    }

    [Fact]
    public void A_photo_or_a_location_no_keyword_can_answer_is_handed_over_as_media()
    {
        var routed = Route(Given(Started), null, Open, MessageKind.Photo);
        Assert.Equal(HandoverReasons.Media, Assert.IsType<HandedOver>(Assert.Single(routed.Events)).Reason);
    }

    [Fact]
    public void While_a_hand_over_is_open_messages_wait_for_the_operator_and_keywords_still_answer()
    {
        var waiting = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At));
        var routed = Route(waiting, Unanswered, Open);
        Assert.Equal((null, 0), (routed.Reply, routed.Events.Count));
        var keyword = new Reply("Horari…", ReplyReasons.Keyword, "horari");
        Assert.Same(keyword, Route(waiting, keyword, Open).Reply);
    }

    [Fact]
    public void A_wrong_code_is_counted()
    {
        var routed = Route(Given(Started), new Reply("No trobem res…", ReplyReasons.WrongCode, "cita"), Open);
        Assert.Equal(new WrongCodeGiven(At), Assert.Single(routed.Events));
    }

    [Fact]
    public void Claiming_records_the_wait_and_another_operators_claim_is_a_conflict()
    {
        var waiting = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At));
        var claimed = Assert.IsType<HandoverClaimed>(Assert.Single(DeskDecisions.Claim(waiting, Handover, "ana", At.AddMinutes(7))));
        Assert.Equal(TimeSpan.FromMinutes(7), claimed.Waited);

        var hers = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At), claimed);
        Assert.Empty(DeskDecisions.Claim(hers, Handover, "ana", At.AddMinutes(8)));
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => DeskDecisions.Claim(hers, Handover, "pau", At.AddMinutes(8))).Kind);
        Assert.Equal(RejectionKind.NotFound, Assert.Throws<Rejection>(() => DeskDecisions.Claim(hers, Guid.NewGuid(), "ana", At)).Kind);
    }

    [Fact]
    public void The_first_answer_records_the_answer_time_and_queues_the_text_on_the_conversations_channel()
    {
        var hers = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At), new HandoverClaimed(Handover, "ana", TimeSpan.FromMinutes(7), At.AddMinutes(7)));
        var replyId = Guid.NewGuid();
        var events = DeskDecisions.Reply(hers, Handover, "ana", "Bon dia!", replyId, At.AddMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(10), Assert.IsType<OperatorReplied>(events[0]).FirstAnswerAfter);
        Assert.Equal(new ReplyQueued(replyId, "telegram", "citymes", "42", "Bon dia!", ReplyReasons.Operator, null, At.AddMinutes(10)), events[1]);

        var answered = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At), new HandoverClaimed(Handover, "ana", TimeSpan.Zero, At), events[0]);
        Assert.Null(Assert.IsType<OperatorReplied>(DeskDecisions.Reply(answered, Handover, "ana", "I més", Guid.NewGuid(), At.AddMinutes(12))[0]).FirstAnswerAfter);
    }

    [Fact]
    public void Only_the_operator_who_claimed_it_answers_or_closes_and_a_closed_hand_over_takes_nothing_more()
    {
        var waiting = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At));
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => DeskDecisions.Reply(waiting, Handover, "ana", "Hola", Guid.NewGuid(), At)).Kind);
        var hers = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At), new HandoverClaimed(Handover, "ana", TimeSpan.Zero, At));
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => DeskDecisions.Reply(hers, Handover, "pau", "Hola", Guid.NewGuid(), At)).Kind);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => DeskDecisions.Close(hers, Handover, "pau", At)).Kind);

        var closed = Given(Started, new HandedOver(Handover, HandoverReasons.Unanswered, null, "telegram", At), new HandoverClaimed(Handover, "ana", TimeSpan.Zero, At),
            Assert.IsType<HandoverClosed>(Assert.Single(DeskDecisions.Close(hers, Handover, "ana", At.AddMinutes(20)))));
        Assert.Equal(HandoverStage.None, closed.Desk.Stage);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => DeskDecisions.Claim(closed, Handover, "ana", At)).Kind);
    }

    [Fact]
    public void The_hours_are_said_from_the_calendar_in_each_language()
    {
        var weekday = new[] { OpeningHours.Parse("08:00-19:00") };
        var calendar = new BusinessCalendar("chat-operators", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"),
            new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>
            {
                [DayOfWeek.Monday] = weekday, [DayOfWeek.Tuesday] = weekday, [DayOfWeek.Wednesday] = weekday,
                [DayOfWeek.Thursday] = weekday, [DayOfWeek.Friday] = weekday, [DayOfWeek.Saturday] = [OpeningHours.Parse("09:00-13:00")],
            }, []);
        Assert.Equal("de dilluns a divendres de 08:00 a 19:00 i el dissabte de 09:00 a 13:00", OperatorHours.Describe(calendar, "ca"));
        Assert.Equal("de lunes a viernes de 08:00 a 19:00 y el sábado de 09:00 a 13:00", OperatorHours.Describe(calendar, "es"));
        Assert.Equal("Monday to Friday from 08:00 to 19:00 and on Saturday from 09:00 to 13:00", OperatorHours.Describe(calendar, "en"));
    }

    [Fact]
    public void Five_wrong_codes_within_fifteen_minutes_throttle_the_next_and_the_oldest_leaving_the_window_frees_it()
    {
        var wrong = Enumerable.Range(0, 5).Select(i => At.AddMinutes(i)).ToList();
        Assert.False(WrongCodeThrottle.Throttled(wrong.Take(4).ToList(), At.AddMinutes(5), 5, TimeSpan.FromMinutes(15)));
        Assert.True(WrongCodeThrottle.Throttled(wrong, At.AddMinutes(5), 5, TimeSpan.FromMinutes(15)));
        Assert.False(WrongCodeThrottle.Throttled(wrong, At.AddMinutes(15).AddSeconds(1), 5, TimeSpan.FromMinutes(15)));
    }
}
