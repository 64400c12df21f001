using Omnichannel.Contracts;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Answering;

/// <summary>What a personal code led to, as the neighbour answered it.</summary>
public abstract record CodeStatus
{
    public sealed record AppointmentFound(string Code, string Status, DateTimeOffset StartsAt, string OfficeId, Guid? CitizenId) : CodeStatus;
    public sealed record CaseFound(string Code, string Status, LocalizedText? ProcedureName, string ProcedureCode, DateTimeOffset UpdatedAt, Guid? CitizenId) : CodeStatus;
    /// <summary>No such code (in this council): said exactly as a code of someone else's is.</summary>
    /// <summary>An incident: its code is the holder's key, so it has no owner to compare.</summary>
    public sealed record IncidentFound(string Code, string Kind, string Status, DateTimeOffset UpdatedAt) : CodeStatus;
    public sealed record NotFound : CodeStatus;
    public sealed record Typo : CodeStatus;
    public sealed record Unavailable : CodeStatus;
}

/// <summary>
/// The reply to a message, from what it asks (<see cref="Intent"/>) and, for keyword + code, what the code led to.
/// Pure. A code that belongs to another citizen than the one the conversation is linked to gets the very same reply
/// as a code nobody was given: the reply never tells whether a code exists.
/// </summary>
public static class AnswerDecisions
{
    public static Reply Decide(KeywordSet set, Intent intent, string language, Guid? conversationCitizen, CodeStatus? status) => intent switch
    {
        Intent.ListKeywords list => new Reply(List(set, list.Language), ReplyReasons.KeywordList, null),
        Intent.AskForOperator => new Reply(Operators.OperatorTexts.HandedOver.In(language), ReplyReasons.OperatorRequested, null),
        Intent.Keyword { Entry.Lookup: not null, Rest: not null } k => new Reply(CodeReply(language, conversationCitizen, status), CodeReason(conversationCitizen, status), k.Entry.Code),
        Intent.Keyword k => new Reply(k.Entry.Answer.In(language), k.Entry.Flow == KeywordEntry.Flows.Complaint ? ReplyReasons.ComplaintKeyword : ReplyReasons.Keyword, k.Entry.Code)
        {
            Buttons = Buttons.ButtonPresses.For(set, k.Entry, language), Location = Buttons.ButtonPresses.Location(k.Entry),
        },
        _ => new Reply(MessagingTexts.Unanswered.In(language), ReplyReasons.Unanswered, null),
    };

    public static string List(KeywordSet set, string language) =>
        MessagingTexts.KeywordListTitle.In(language) + "\n" + string.Join("\n", set.Keywords
            .Where(k => k.Terms.In(language).Count > 0)
            .Select(k => "• " + k.Terms.In(language)[0].ToUpperInvariant() + (k.Lookup is null ? "" : " " + MessagingTexts.WithCode.In(language))));

    private static string CodeReply(string language, Guid? conversationCitizen, CodeStatus? status) => status switch
    {
        CodeStatus.AppointmentFound a when Mine(a.CitizenId, conversationCitizen) => MessagingTexts.Appointment(language, a.Code, a.Status, a.StartsAt, a.OfficeId),
        CodeStatus.CaseFound c when Mine(c.CitizenId, conversationCitizen) => MessagingTexts.Case(language, c.Code, c.Status, c.ProcedureName, c.ProcedureCode, c.UpdatedAt),
        CodeStatus.IncidentFound i => IncidentLookups.IncidentStatusTexts.Status(language, i.Code, i.Kind, i.Status, i.UpdatedAt),
        CodeStatus.Typo => MessagingTexts.CodeTypo.In(language),
        CodeStatus.Unavailable => MessagingTexts.LookupUnavailable.In(language),
        _ => MessagingTexts.CodeNotFound.In(language),
    };

    /// <summary>A code that led nowhere (unknown, someone else's, a typo) counts towards the wrong-code throttle.</summary>
    private static string CodeReason(Guid? conversationCitizen, CodeStatus? status) => status switch
    {
        CodeStatus.AppointmentFound a when Mine(a.CitizenId, conversationCitizen) => ReplyReasons.CodeStatus,
        CodeStatus.CaseFound c when Mine(c.CitizenId, conversationCitizen) => ReplyReasons.CodeStatus,
        CodeStatus.IncidentFound or CodeStatus.Unavailable => ReplyReasons.CodeStatus,
        _ => ReplyReasons.WrongCode,
    };

    /// <summary>A code is the asker's unless the conversation is linked to a citizen and the code to another one. An
    /// unlinked chat holding a code sees what anyone holding it sees on the public look-up by code.</summary>
    private static bool Mine(Guid? owner, Guid? asker) => asker is null || owner is null || owner == asker;
}
