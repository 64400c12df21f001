using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Operators.HandingOver;

/// <summary>Whether people answer now, and how to tell a citizen when they do (in the conversation's language).</summary>
public sealed record OperatorAvailability(bool Open, string Hours);

/// <summary>A message's reply after the operators' side has had its say, and the events it adds.</summary>
public sealed record Routed(Reply? Reply, IReadOnlyList<object> Events);

/// <summary>
/// What the operators' side makes of a message once the keywords have answered it. Pure. A message no keyword answers
/// (text, or a photo, video, location or contact, which no keyword can answer) and an explicit request for a person go
/// to the operators' inbox during operator hours; outside them the citizen gets the hours and the keyword list. While a
/// hand-over is open the citizen's messages wait for the operator (no automatic "no answer"); keywords still answer.
/// A keyword + code that led nowhere is counted for the wrong-code throttle.
/// </summary>
public static class DeskRouting
{
    public static Routed Route(DeskState desk, Opening conversation, InboundMessage message, Reply? reply,
        Func<OperatorAvailability> availability, Func<string> keywordList, Guid newId, DateTimeOffset at)
    {
        var language = conversation.Language;
        if (reply?.Reason == ReplyReasons.WrongCode) return new Routed(reply, [new WrongCodeGiven(at)]);
        if (Complaints.ComplaintFlow.Follow(desk, conversation, message, reply, newId, at) is { } complaint) return complaint;
        var reason = reply?.Reason switch
        {
            ReplyReasons.Unanswered => HandoverReasons.Unanswered,
            ReplyReasons.OperatorRequested => HandoverReasons.Requested,
            null when message.Kind is MessageKind.Photo or MessageKind.Video or MessageKind.Document or MessageKind.Location or MessageKind.Contact => HandoverReasons.Media,
            _ => null,
        };
        if (reason is null) return new Routed(reply, []);

        if (desk.Stage != HandoverStage.None)
            return new Routed(reason == HandoverReasons.Requested ? new Reply(OperatorTexts.StillWaiting.In(language), ReplyReasons.HandedOver, null) : null, []);

        var now = availability();
        return now.Open
            ? new Routed(new Reply(OperatorTexts.HandedOver.In(language), ReplyReasons.HandedOver, null), [new HandedOver(newId, reason, conversation.CitizenId, conversation.Channel, at)])
            : new Routed(new Reply(OperatorTexts.OutOfHours(language, now.Hours) + "\n\n" + keywordList(), ReplyReasons.OutOfHours, null), []);
    }
}
