using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Answering;

/// <summary>The reply to a message, if any (keywords 24/7; keyword + personal code).</summary>
public sealed class Answers
{
    public Task<Reply?> AnswerAsync(string council, Opening conversation, InboundMessage message, CancellationToken ct) =>
        Task.FromResult<Reply?>(null);
}
