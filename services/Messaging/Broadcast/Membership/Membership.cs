using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Broadcast.Membership;

/// <summary>The events of a conversation's broadcast side (they are appended to the conversation's own stream, so
/// a join or a STOP takes the conversation's expected version and its redelivery mark).</summary>
public interface IMembershipEvent;

// CitizenId: the known citizen the chat was linked to at that moment (null for an unlinked chat, and on events stored
// before it was kept): the outbox tells their history from the event alone. TopicNames: the topic's names in ca/es/en at
// that moment, so the citizen's history names the list in their words, not by its code (null on events stored before).

/// <summary>The citizen joined a topic's broadcast list (their language is the conversation's at that moment).</summary>
public sealed record TopicJoined([NotPersonal] string Topic, [NotPersonal] string Channel, [NotPersonal] string Account, [Personal] string ChatId, [NotPersonal] string Language, DateTimeOffset At,
    Guid? CitizenId = null, [NotPersonal] LocalizedText? TopicNames = null) : IMembershipEvent;
public sealed record TopicLeft([NotPersonal] string Topic, DateTimeOffset At, Guid? CitizenId = null, [NotPersonal] string? Channel = null,
    [NotPersonal] LocalizedText? TopicNames = null) : IMembershipEvent;
/// <summary>STOP / BAIXA / BAJA alone: every list left, and no alert or campaign reaches this identity until it joins again.
/// <see cref="TopicNames"/>: each left topic's names, in the order of <see cref="Topics"/> (one the council no longer has
/// keeps its code).</summary>
public sealed record OptedOut([NotPersonal] IReadOnlyList<string> Topics, DateTimeOffset At, Guid? CitizenId = null, [NotPersonal] string? Channel = null,
    [NotPersonal] IReadOnlyList<LocalizedText>? TopicNames = null) : IMembershipEvent;
/// <summary>A citizen who had opted out joined a topic again: that lifts the opt-out (their own explicit request).</summary>
public sealed record OptedIn(DateTimeOffset At) : IMembershipEvent;

/// <summary>A conversation's lists as its decisions need them.</summary>
public sealed record MembershipState(IReadOnlySet<string> Topics, bool OptedOut)
{
    public static readonly MembershipState Initial = new(new HashSet<string>(), false);

    public static MembershipState Evolve(MembershipState state, IMembershipEvent e) => e switch
    {
        TopicJoined j => state with { Topics = new HashSet<string>(state.Topics) { j.Topic } },
        TopicLeft l => state with { Topics = state.Topics.Where(t => t != l.Topic).ToHashSet() },
        Membership.OptedOut => state with { Topics = new HashSet<string>(), OptedOut = true },
        OptedIn => state with { OptedOut = false },
        _ => state,
    };
}

/// <summary>What a message asks of the broadcast lists.</summary>
public abstract record MembershipIntent(string Language)
{
    public sealed record Join(string Language, string TopicWords) : MembershipIntent(Language);
    public sealed record Leave(string Language, string TopicWords) : MembershipIntent(Language);
    public sealed record StopAll(string Language) : MembershipIntent(Language);
}

/// <summary>
/// The reserved words of the broadcast lists, per language, read like keywords (case, accents, punctuation and extra
/// spaces ignored): <c>ALTA &lt;topic&gt;</c> (ca, es) / <c>JOIN &lt;topic&gt;</c> (en) joins, <c>BAIXA &lt;topic&gt;</c> /
/// <c>BAJA &lt;topic&gt;</c> / <c>LEAVE &lt;topic&gt;</c> leaves, and <c>STOP</c>, <c>BAIXA</c>, <c>BAJA</c>,
/// <c>UNSUBSCRIBE</c> alone leave everything. Pure.
/// </summary>
public static class MembershipWords
{
    public static readonly IReadOnlyList<(string Word, string Language)> JoinWords = [("alta", "ca"), ("join", "en"), ("subscribe", "en")];
    public static readonly IReadOnlyList<(string Word, string Language)> LeaveWords = [("baixa", "ca"), ("baja", "es"), ("leave", "en"), ("unsubscribe", "en")];
    public static readonly IReadOnlyList<(string Word, string Language)> StopWords = [("stop", "en"), ("baixa", "ca"), ("baja", "es"), ("unsubscribe", "en")];

    /// <summary>Every reserved word (a staff keyword may not be one, nor start with one of them followed by a space).</summary>
    public static IEnumerable<string> All => JoinWords.Concat(LeaveWords).Concat(StopWords).Select(w => w.Word).Distinct();

    public static MembershipIntent? Read(string? text, string conversationLanguage)
    {
        var message = KeywordMatching.Normalize(text);
        if (message.Length == 0) return null;
        var stop = StopWords.FirstOrDefault(w => w.Word == message);
        // STOP is understood in every language: the answer stays in the conversation's.
        if (stop.Word is not null) return new MembershipIntent.StopAll(stop.Word == "stop" ? conversationLanguage : stop.Language);
        var (first, rest) = message.IndexOf(' ') is var space and > 0 ? (message[..space], message[(space + 1)..]) : (message, "");
        if (rest.Length == 0) return null;
        var join = JoinWords.FirstOrDefault(w => w.Word == first);
        // "alta" is both Catalan and Spanish: the conversation's language decides between them.
        if (join.Word is not null) return new MembershipIntent.Join(join.Word == "alta" && conversationLanguage == "es" ? "es" : join.Language, rest);
        var leave = LeaveWords.FirstOrDefault(w => w.Word == first);
        if (leave.Word is not null) return new MembershipIntent.Leave(leave.Language, rest);
        return null;
    }
}

/// <summary>What a join, leave or STOP does to a conversation's lists. Pure: given the state, when the request, then
/// the events (none when it changes nothing, so a repeated ALTA is harmless) and the reply.</summary>
public static class MembershipDecisions
{
    public sealed record Decided(IReadOnlyList<object> Events, string Reply);

    public static Decided Join(MembershipState state, Topics.Topic? topic, string language, string channel, string account, string chatId, DateTimeOffset at,
        Guid? citizen = null)
    {
        if (topic is null || topic.Retired) return new([], MembershipTexts.UnknownTopic(language));
        var name = topic.Names.In(language);
        if (state.Topics.Contains(topic.Code)) return new([], MembershipTexts.AlreadyJoined(language, name));
        var events = new List<object>();
        if (state.OptedOut) events.Add(new OptedIn(at));
        events.Add(new TopicJoined(topic.Code, channel, account, chatId, language, at, citizen, topic.Names));
        return new(events, MembershipTexts.Joined(language, name, topic.Code));
    }

    public static Decided Leave(MembershipState state, Topics.Topic? topic, string language, DateTimeOffset at, Guid? citizen = null, string? channel = null)
    {
        if (topic is null) return new([], MembershipTexts.UnknownTopic(language));
        var name = topic.Names.In(language);
        return state.Topics.Contains(topic.Code)
            ? new([new TopicLeft(topic.Code, at, citizen, channel, topic.Names)], MembershipTexts.Left(language, name))
            : new([], MembershipTexts.NotJoined(language, name));
    }

    /// <summary>STOP: recorded even when already opted out with no list (the count of opt-outs is of requests honoured once).
    /// <paramref name="topics"/>: the council's topics the conversation is on, for their names (a code not among them is
    /// named by itself).</summary>
    public static Decided Stop(MembershipState state, string language, DateTimeOffset at, Guid? citizen = null, string? channel = null,
        IReadOnlyCollection<Topics.Topic>? topics = null)
    {
        if (state.OptedOut && state.Topics.Count == 0) return new([], MembershipTexts.Stopped(language));
        var left = state.Topics.Order().ToList();
        var names = left.Select(code => topics?.FirstOrDefault(t => t.Code == code)?.Names ?? new LocalizedText(code, code, code)).ToList();
        return new([new OptedOut(left, at, citizen, channel, names)], MembershipTexts.Stopped(language));
    }
}
