using Omnichannel.Messaging.Operators;

namespace Omnichannel.Messaging.Conversations;

/// <summary>The operators' columns of a conversation: its hand-over, as the inbox lists it.</summary>
public sealed partial class ConversationView
{
    public Guid? HandoverId { get; set; }
    public HandoverStage Handover { get; set; }
    public string? HandoverReason { get; set; }
    public DateTimeOffset? WaitingSince { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
}

public sealed partial class ConversationViewProjection
{
    public ConversationView Apply(HandedOver e, ConversationView view)
    {
        view.HandoverId = e.HandoverId;
        view.Handover = HandoverStage.Waiting;
        view.HandoverReason = e.Reason;
        view.WaitingSince = e.At;
        view.ClaimedBy = null;
        view.ClaimedAt = null;
        return view;
    }

    public ConversationView Apply(HandoverClaimed e, ConversationView view)
    {
        view.Handover = HandoverStage.Claimed;
        view.ClaimedBy = e.Operator;
        view.ClaimedAt = e.At;
        return view;
    }

    public ConversationView Apply(HandoverClosed e, ConversationView view)
    {
        view.Handover = HandoverStage.None;
        return view;
    }
}
