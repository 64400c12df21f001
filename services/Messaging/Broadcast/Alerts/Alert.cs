using Omnichannel.Contracts;
using Omnichannel.Messaging.Channels;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Messaging.Broadcast.Alerts;

public enum AlertKind { Alert, Campaign }

public enum AlertStage { Sending, Done }

/// <summary>
/// An alert (or a proactive campaign) to a topic's list: its text in ca/es/en and how far its delivery has gone. The
/// <see cref="Cursor"/> is the last subscriber claimed: pages are claimed in order, each claim saved (optimistic
/// concurrency) with its recipients' records, so a restart resumes after it and two instances never claim the same page.
/// </summary>
[NotPersonal]
public sealed class Alert
{
    public Guid Id { get; set; }
    /// <summary>The council (the dispatcher reads every council's unfinished alerts at once).</summary>
    public string Council { get; set; } = "";
    public AlertKind Kind { get; set; }
    public string Topic { get; set; } = "";
    public LocalizedText Text { get; set; } = new("", "", "");
    public string? RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public AlertStage Stage { get; set; }
    /// <summary>The last subscriber id claimed ("" before the first page).</summary>
    public string Cursor { get; set; } = "";
    public int Recipients { get; set; }
    /// <summary>Members not sent to: opted out (STOP) since the list was read, or a campaign's citizen with no chat or phone.</summary>
    public int Skipped { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    // A campaign to the citizens who had a case of a procedure in a period (its list is written first, page by page).
    public string? ProcedureCode { get; set; }
    public DateOnly? CasesFrom { get; set; }
    public DateOnly? CasesTo { get; set; }
    public bool AudienceReady { get; set; }
    /// <summary>The cases of the period that procedures had stored before messaging listened are read in first.</summary>
    public bool CasesBackfilled { get; set; }
    /// <summary>Where the backfill from procedures goes on after a restart (its last page's key).</summary>
    public string BackfillKey { get; set; } = "";
    /// <summary>The last case read into the campaign's list.</summary>
    public string AudienceCursor { get; set; } = "";

    /// <summary>A procedure campaign's own list (not a topic citizens can join).</summary>
    public static string CampaignList(Guid campaignId) => $"campaign-{campaignId:N}";
}

public enum RecipientStatus
{
    /// <summary>Claimed for sending: the send may be under way. Found so after a restart, it is not sent again.</summary>
    Claimed,
    Sent,
    Delivered,
    Read,
    Failed,
    /// <summary>The citizen blocked the bot (Telegram 403).</summary>
    Blocked,
    /// <summary>The process stopped between claiming and recording: sent or not, it is never sent twice.</summary>
    Unconfirmed,
}

/// <summary>One recipient of one alert: its send recorded (id "{alert}|{conversation}": inserted before the send, so
/// nobody is claimed twice), then its delivery and read status as the provider reports it.</summary>
public sealed class AlertRecipient
{
    public string Id { get; set; } = "";
    public Guid AlertId { get; set; }
    public string Conversation { get; set; } = "";
    public string Channel { get; set; } = "";
    public RecipientStatus Status { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static string Key(Guid alertId, string conversation) => $"{alertId:N}|{conversation}";
}

/// <summary>A provider's message id sent for an alert: a status naming it finds the recipient ("{channel}:{id}").</summary>
public sealed class AlertMessage
{
    public string Id { get; set; } = "";
    public string Recipient { get; set; } = "";

    public static string KeyFor(string channel, string providerMessageId) => $"{channel}:{providerMessageId}";
}

public static class RecipientDecisions
{
    /// <summary>A delivery status for a recipient: statuses arrive out of order (a "read" before its "delivered"),
    /// so only a step forward counts; a failure counts unless the message was already read. Pure.</summary>
    public static RecipientStatus? Next(RecipientStatus known, DeliveryStatus reported) => (known, reported) switch
    {
        (RecipientStatus.Failed or RecipientStatus.Blocked or RecipientStatus.Read, _) => null,
        (_, DeliveryStatus.Failed) => RecipientStatus.Failed,
        (_, DeliveryStatus.Read) => RecipientStatus.Read,
        (RecipientStatus.Claimed or RecipientStatus.Sent or RecipientStatus.Unconfirmed, DeliveryStatus.Delivered) => RecipientStatus.Delivered,
        (RecipientStatus.Claimed or RecipientStatus.Unconfirmed, DeliveryStatus.Sent) => RecipientStatus.Sent,
        _ => null,
    };
}

/// <summary>An alert's progress as staff see it: delivered counts those read too (a read message was delivered).
/// <paramref name="Topic"/> is null for a campaign to a procedure's citizens (<paramref name="ProcedureCode"/>, cases submitted from/to).</summary>
public sealed record AlertView(Guid AlertId, AlertKind Kind, string? Topic, string? ProcedureCode, DateOnly? CasesFrom, DateOnly? CasesTo,
    LocalizedText Text, AlertStage Stage, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    int Recipients, int Sent, int Delivered, int Read, int Failed, int Blocked, int Unconfirmed, int Skipped);
