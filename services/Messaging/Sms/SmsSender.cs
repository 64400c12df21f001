using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Sending;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Sms;

/// <summary>A text by SMS through the account's provider; the chat id is the citizen's number in E.164.</summary>
public sealed class SmsSender(ISmsProvider provider, IOptions<SmsOptions> options) : IChannelSender
{
    public string Channel => ChannelNames.Sms;

    public async Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct)
    {
        var sms = options.Value.Accounts.GetValueOrDefault(account);
        if (sms is null) return new SendOutcome.Failed("no-sms-account");
        return await provider.SendAsync(sms, chatId, text, ct) switch
        {
            SmsResult.Accepted a => new SendOutcome.Sent(a.ProviderMessageId),
            SmsResult.Refused r => new SendOutcome.Failed(r.Reason),
            _ => new SendOutcome.Failed("unknown"),
        };
    }
}
