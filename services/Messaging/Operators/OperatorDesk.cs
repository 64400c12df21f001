using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Operators;

/// <summary>The events of the operators' side of a conversation (and of its wrong codes): folded into
/// <see cref="Conversation.Desk"/>.</summary>
public interface IDeskEvent;

/// <summary>The conversation went to the operators' inbox: a message no keyword answers, a photo or location, or the
/// citizen asked for a person (<see cref="HandoverReasons"/>). Each hand-over has its own id: the operators' routes name
/// it, never the chat.</summary>
public sealed record HandedOver(Guid HandoverId, [NotPersonal] string Reason, Guid? CitizenId, [NotPersonal] string Channel, DateTimeOffset At) : IDeskEvent;

/// <summary>An operator took the conversation; <paramref name="Waited"/> is how long the citizen waited for it.</summary>
public sealed record HandoverClaimed(Guid HandoverId, [NotPersonal] string Operator, TimeSpan Waited, DateTimeOffset At) : IDeskEvent;

/// <summary>An operator answered (the text goes out as the <see cref="ReplyQueued"/> beside it);
/// <paramref name="FirstAnswerAfter"/> is set on the hand-over's first answer: the time from hand-over to it.</summary>
public sealed record OperatorReplied(Guid HandoverId, Guid ReplyId, [NotPersonal] string Operator, TimeSpan? FirstAnswerAfter, DateTimeOffset At) : IDeskEvent;

/// <summary>The operator closed the hand-over: the conversation is back with the keywords. <paramref name="Answered"/>:
/// whether a person answered in it.</summary>
public sealed record HandoverClosed(Guid HandoverId, [NotPersonal] string Operator, bool Answered, TimeSpan Lasted, Guid? CitizenId, [NotPersonal] string Channel, DateTimeOffset At) : IDeskEvent;

/// <summary>A keyword + code that led nowhere (unknown, someone else's, a typo): counted for the throttle.</summary>
public sealed record WrongCodeGiven(DateTimeOffset At) : IDeskEvent;

/// <summary>The complaint keyword was answered: for a while, the conversation's next photo or location files a
/// complaint (<see cref="Complaints.ComplaintFlow"/>), texts no keyword answers are noted for it.</summary>
public sealed record ComplaintStarted(DateTimeOffset At) : IDeskEvent;
public sealed record ComplaintNoted([Personal] string Text, DateTimeOffset At) : IDeskEvent;

/// <summary>A complaint with a photo and/or a location, sent to the incidents service (integration event
/// ChatComplaintSubmitted); <paramref name="ComplaintId"/> becomes the incident's id. <paramref name="PhotoFileIds"/>
/// are the chat provider's file ids.</summary>
public sealed record ComplaintSubmitted(Guid ComplaintId, [Personal] string Description, [Personal] GeoPoint? Location, [Personal] IReadOnlyList<string> PhotoFileIds,
    Guid? CitizenId, [NotPersonal] string Channel, DateTimeOffset At) : IDeskEvent;

/// <summary>The incidents service reported the complaint; the citizen is told its code (the ReplyQueued beside it).</summary>
public sealed record ComplaintFiled(Guid ComplaintId, [NotPersonal] string IncidentCode, DateTimeOffset At) : IDeskEvent;

/// <summary>Files a citizen sent after their complaint was filed (an e-mail answering it with more photos): they go to
/// that incident's attachments (<see cref="Complaints.ComplaintAttachmentSubscription"/>). By hash, from messaging's
/// inbound store.</summary>
public sealed record ComplaintAttachmentsAdded(Guid ComplaintId, [NotPersonal] IReadOnlyList<string> Sha256s, DateTimeOffset At) : IDeskEvent;

public static class HandoverReasons
{
    public const string Unanswered = "unanswered";
    public const string Requested = "requested";
    public const string Media = "media";
}

/// <summary>Where the hand-over of a conversation stands.</summary>
public enum HandoverStage { None, Waiting, Claimed }

/// <summary>The operators' side of a conversation, as its decisions need it. <see cref="HandoverId"/> stays after the
/// hand-over is closed, so a late claim of it is told it is over.</summary>
public sealed record DeskState(HandoverStage Stage, Guid? HandoverId, DateTimeOffset? Since, string? Operator, bool Answered, IReadOnlyList<DateTimeOffset> WrongCodes)
{
    /// <summary>Since when a complaint is being told (null when none): the complaint keyword's time.</summary>
    public DateTimeOffset? ComplaintSince { get; init; }
    public IReadOnlyList<string> ComplaintNotes { get; init; } = [];
    /// <summary>The conversation's last complaint that incidents filed (files sent after it go to that incident).</summary>
    public Guid? FiledComplaintId { get; init; }
    public string? FiledIncidentCode { get; init; }
    public DateTimeOffset? FiledAt { get; init; }

    /// <summary>Wrong codes further back than this are forgotten (longer than any throttle window).</summary>
    public const int WrongCodesKept = 50;

    public static readonly DeskState Initial = new(HandoverStage.None, null, null, null, false, []);

    public static DeskState Evolve(DeskState state, IDeskEvent e) => e switch
    {
        HandedOver h => state with { Stage = HandoverStage.Waiting, HandoverId = h.HandoverId, Since = h.At, Operator = null, Answered = false },
        HandoverClaimed c => state with { Stage = HandoverStage.Claimed, Operator = c.Operator },
        OperatorReplied => state with { Answered = true },
        HandoverClosed => state with { Stage = HandoverStage.None, Operator = null },
        WrongCodeGiven w => state with { WrongCodes = [.. state.WrongCodes.TakeLast(WrongCodesKept - 1), w.At] },
        ComplaintStarted c => state with { ComplaintSince = c.At, ComplaintNotes = [] },
        ComplaintNoted n => state with { ComplaintNotes = [.. state.ComplaintNotes.TakeLast(9), n.Text] },
        ComplaintSubmitted => state with { ComplaintSince = null, ComplaintNotes = [] },
        ComplaintFiled f => state with { FiledComplaintId = f.ComplaintId, FiledIncidentCode = f.IncidentCode, FiledAt = f.At },
        _ => state,
    };
}

/// <summary>What the operators do with a hand-over. Pure: given the conversation, when a command, then events; a command
/// that does not fit is a <see cref="Rejection"/> (404/409), nothing written.</summary>
public static class DeskDecisions
{
    public static IReadOnlyList<object> Claim(Conversation state, Guid handoverId, string by, DateTimeOffset at)
    {
        var desk = Current(state, handoverId);
        if (desk.Stage == HandoverStage.Claimed)
            return desk.Operator == by ? [] : throw Rejection.Conflict("Another operator has already claimed this conversation.");
        return [new HandoverClaimed(handoverId, by, Elapsed(desk, at), at)];
    }

    public static IReadOnlyList<object> Reply(Conversation state, Guid handoverId, string by, string text, Guid replyId, DateTimeOffset at)
    {
        var desk = Current(state, handoverId);
        Mine(desk, by, "answer it");
        if (state.Blocked) throw Rejection.Conflict("The citizen has blocked the bot: nothing can be sent until they write again.");
        return
        [
            new OperatorReplied(handoverId, replyId, by, desk.Answered ? null : Elapsed(desk, at), at),
            new ReplyQueued(replyId, state.Channel, state.Account, state.ChatId, text, ReplyReasons.Operator, null, at),
        ];
    }

    /// <summary>Closed by the operator who claimed it, or straight from the inbox while nobody has (a message that needs no answer).</summary>
    public static IReadOnlyList<object> Close(Conversation state, Guid handoverId, string by, DateTimeOffset at)
    {
        var desk = Current(state, handoverId);
        if (desk.Stage == HandoverStage.Claimed) Mine(desk, by, "close it");
        return [new HandoverClosed(handoverId, by, desk.Answered, Elapsed(desk, at), state.CitizenId, state.Channel, at)];
    }

    private static DeskState Current(Conversation state, Guid handoverId)
    {
        var desk = state.Desk;
        if (!state.Started || desk.HandoverId != handoverId) throw Rejection.NotFound("There is no such hand-over.");
        if (desk.Stage == HandoverStage.None) throw Rejection.Conflict("This hand-over is closed.");
        return desk;
    }

    private static void Mine(DeskState desk, string by, string what)
    {
        if (desk.Stage == HandoverStage.Waiting) throw Rejection.Conflict($"Claim the conversation before you {what}.");
        if (desk.Operator != by) throw Rejection.Conflict($"Another operator has claimed this conversation: only they can {what}.");
    }

    private static TimeSpan Elapsed(DeskState desk, DateTimeOffset at) => desk.Since is { } since && at > since ? at - since : TimeSpan.Zero;
}
