using Grpc.Core;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Starting;
using Omnichannel.Messaging.Email;
using Omnichannel.Messaging.Sms;

namespace Omnichannel.Messaging.Notices;

/// <summary>What a notice says, in one language: the e-mail subject and the text every channel sends.</summary>
public sealed record NoticeText(string Subject, string Text);

/// <summary>
/// A notice another service asked for (through an integration event), for one citizen: it is told on their preferred
/// channel in their language, else on the next of the route (<see cref="NoticeRouting.Route"/>). Each consumer is
/// idempotent (<see cref="IdempotentConsumer{T}"/>): the notice stream is started in the same transaction as the
/// message's processed mark, and <see cref="NoticeSubscription"/> sends it, so a redelivered event tells nobody twice.
/// </summary>
public abstract class NoticeConsumer<T>(IDocumentStore store, NoticeRequests requests) : IdempotentConsumer<T>(store)
    where T : class, IIntegrationEvent
{
    protected abstract string Kind { get; }

    /// <summary>The channel the event names as the citizen's preferred one (else theirs, from the citizens directory).</summary>
    protected virtual string? PreferredChannel(T e) => null;

    /// <summary>The language the event names (else the citizen's).</summary>
    protected virtual string? Language(T e) => null;

    /// <summary>What to say, or null when this event tells the citizen nothing.</summary>
    protected abstract NoticeText? Compose(T e, string language);

    /// <summary>What to say, once what the text needs from other services has been asked (by default nothing is).</summary>
    protected virtual Task<Func<string, NoticeText?>> ComposerAsync(T e, CancellationToken ct) =>
        Task.FromResult<Func<string, NoticeText?>>(language => Compose(e, language));

    protected override async Task HandleAsync(ConsumeContext<T> context, IDocumentSession session)
    {
        var e = context.Message;
        if (e.CitizenId is not { } citizen || Compose(e, "ca") is null) return;
        var compose = await ComposerAsync(e, context.CancellationToken);
        await requests.RequestAsync(session, context.MessageId!.Value, Kind, citizen, PreferredChannel(e), Language(e), language => compose(language)!, context.CancellationToken);
    }
}

public sealed class NoticeRequests(CitizenDirectory.CitizenDirectoryClient directory, IOptions<SmsOptions> sms, IOptions<EmailOptions> email, TimeProvider clock, ILogger<NoticeRequests> logger)
{
    public async Task RequestAsync(IDocumentSession session, Guid messageId, string kind, Guid citizen, string? preferredChannel, string? language,
        Func<string, NoticeText> compose, CancellationToken ct)
    {
        var contact = await ContactAsync(citizen, ct);
        var conversations = await session.Query<ConversationView>().Where(c => c.CitizenId == citizen && !c.Blocked).ToListAsync(ct);
        var council = session.TenantId;
        var route = NoticeRouting.Route(conversations, NonEmpty(preferredChannel) ?? NonEmpty(contact?.PreferredChannel),
            NonEmpty(contact?.Phone), sms.Value.AccountOf(council), NonEmpty(contact?.Email), email.Value.MailboxOf(council));
        var speaks = LanguageDetection.Hint(language) ?? LanguageDetection.Hint(contact?.PreferredLanguage)
            ?? conversations.OrderByDescending(c => c.LastMessageAt).Select(c => c.Language).FirstOrDefault() ?? "ca";
        var text = compose(speaks);
        var events = NoticeDecisions.Request(messageId, kind, citizen, speaks, text.Subject, text.Text, route, clock.GetUtcNow());
        if (route.Count == 0) logger.LogInformation("A {Kind} notice has no channel to go to", kind);
        session.Events.StartStream(Notice.StreamKey(messageId), events);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task<CitizenReply?> ContactAsync(Guid citizen, CancellationToken ct)
    {
        try
        {
            return await directory.GetCitizenAsync(new GetCitizenRequest { CitizenId = citizen.ToString() }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
    }
}
