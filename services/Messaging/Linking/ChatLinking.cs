using Omnichannel.BuildingBlocks.PersonalData;
using Grpc.Core;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.CodeThrottling;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Starting;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Linking;

/// <summary>The chat was linked to a citizen: from now on its steps reach their history.</summary>
public sealed record ConversationLinked(Guid CitizenId, [NotPersonal] string Channel, [NotPersonal] string Language, DateTimeOffset At);

/// <summary>What a link request led to: the reply, and the conversation's link when it was made.</summary>
public sealed record LinkOutcome(Reply Reply, ConversationLinked? Linked);

/// <summary>
/// Linking an unknown chat to a citizen by a keyword + one of their personal codes: <c>VINCULA</c>/<c>VINCULAR</c>/
/// <c>LINK</c> + a case (tracking) or appointment code. The code proves the chat is its holder's: the identity is
/// linked in the citizens directory (gRPC <c>LinkIdentity</c>), the conversation records it, and its next steps carry
/// the citizen. A code that leads nowhere, has no citizen, or whose citizen cannot take this chat (another citizen has
/// it) gets exactly the words of any wrong code and counts for the wrong-code throttle; a throttled chat is told to
/// try later and nothing is looked up. Incident codes cannot link: incidents' look-up names no citizen.
/// </summary>
public static class LinkRequests
{
    public static readonly IReadOnlyDictionary<string, string[]> Words = new Dictionary<string, string[]>
    {
        ["ca"] = ["vincula", "vincular"],
        ["es"] = ["vincular", "vincula"],
        ["en"] = ["link"],
    };

    /// <summary>The code after a link word (as typed), or null when the message is no link request.</summary>
    public static string? Code(string? text)
    {
        var normalized = KeywordMatching.Normalize(text);
        var word = Words.Values.SelectMany(w => w).FirstOrDefault(w => normalized.StartsWith(w + " ", StringComparison.Ordinal));
        if (word is null) return null;
        var rest = string.Join(' ', text!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Skip(1)).Trim();
        return rest.Length == 0 ? null : rest;
    }

    /// <summary>Pure: the reply to a link request, given who the code belongs to (null: nobody we may link) and whether
    /// the directory took the link.</summary>
    public static LinkOutcome Decide(Opening conversation, bool throttled, CodeStatus? status, bool directoryLinked, DateTimeOffset at)
    {
        var language = conversation.Language;
        if (conversation.CitizenId is not null) return new LinkOutcome(new Reply(AlreadyLinked.In(language), ReplyReasons.Linked, null), null);
        if (throttled) return new LinkOutcome(new Reply(WrongCodeThrottle.TryLater.In(language), ReplyReasons.CodeThrottled, null), null);
        if (status is CodeStatus.Unavailable) return new LinkOutcome(new Reply(MessagingTexts.LookupUnavailable.In(language), ReplyReasons.Linked, null), null);
        if (Owner(status) is { } citizen && directoryLinked)
            return new LinkOutcome(new Reply(Linked.In(language), ReplyReasons.Linked, null), new ConversationLinked(citizen, conversation.Channel, language, at));
        var words = status is CodeStatus.Typo ? MessagingTexts.CodeTypo : MessagingTexts.CodeNotFound;
        return new LinkOutcome(new Reply(words.In(language), ReplyReasons.WrongCode, null), null);
    }

    public static Guid? Owner(CodeStatus? status) => status switch
    {
        CodeStatus.AppointmentFound { CitizenId: { } a } => a,
        CodeStatus.CaseFound { CitizenId: { } c } => c,
        _ => null,
    };

    public static readonly LocalizedText Linked = new(
        "Fet! Aquest xat ja està vinculat a la teva fitxa: el que hi parlem constarà al teu historial.",
        "¡Hecho! Este chat ya está vinculado a tu ficha: lo que hablemos constará en tu historial.",
        "Done! This chat is now linked to your record: what we talk about here will show in your history.");

    public static readonly LocalizedText AlreadyLinked = new(
        "Aquest xat ja està vinculat a una fitxa.",
        "Este chat ya está vinculado a una ficha.",
        "This chat is already linked to a record.");
}

/// <summary>Runs a link request: the throttle, the code's look-up, the directory's link.</summary>
public sealed class ChatLinking(CodeLookups lookups, CitizenDirectory.CitizenDirectoryClient directory, WrongCodeThrottle throttle, ILogger<ChatLinking> logger)
{
    /// <summary>Null when the message is no link request.</summary>
    public async Task<LinkOutcome?> TryAsync(Opening conversation, InboundMessage message, Operators.DeskState desk, DateTimeOffset at, CancellationToken ct)
    {
        if (message.Kind is not (MessageKind.Text or MessageKind.Edited) || LinkRequests.Code(message.Text) is not { } typed) return null;
        if (conversation.CitizenId is not null || throttle.IsThrottled(desk.WrongCodes))
            return LinkRequests.Decide(conversation, throttle.IsThrottled(desk.WrongCodes), null, false, at);

        // An appointment code if it reads as one, else a case's tracking code.
        var appointment = PersonalCode.Appointment.Read(typed).Reading == CodeReading.Valid;
        var status = await lookups.LookUpAsync(appointment ? KeywordEntry.Lookups.Appointment : KeywordEntry.Lookups.Case, typed, ct);
        var linked = false;
        if (LinkRequests.Owner(status) is { } citizen)
        {
            try
            {
                await directory.LinkIdentityAsync(new LinkIdentityRequest
                {
                    CitizenId = citizen.ToString(), Kind = ConversationOpening.DirectoryKind(conversation.Channel), Value = ConversationOpening.DirectoryValue(conversation.Channel, conversation.ChatId),
                }, cancellationToken: ct);
                linked = true;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.InvalidArgument)
            {
                logger.LogInformation("A {Channel} chat gave a code whose citizen cannot take it ({Status})", conversation.Channel, e.StatusCode);
            }
            catch (Exception e) when (e is RpcException || NeighbourUnavailable.IsOutage(e, ct))
            {
                logger.LogWarning("The citizens directory did not answer a link ({Status})", (e as RpcException)?.StatusCode);
                status = new CodeStatus.Unavailable();
            }
        }
        return LinkRequests.Decide(conversation, false, status, linked, at);
    }
}
