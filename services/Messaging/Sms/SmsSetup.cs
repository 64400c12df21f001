using Omnichannel.Messaging.Sending;

namespace Omnichannel.Messaging.Sms;

/// <summary>The SMS channel's part of the messaging service: its accounts, the provider (Twilio's API), its sender.</summary>
public static class SmsSetup
{
    public static WebApplicationBuilder AddSms(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmsOptions>().Bind(builder.Configuration.GetSection(SmsOptions.Section))
            .Validate(o => o.IsValid(), "Messaging:Sms: every account needs a valid Council and absolute ApiBaseUrl and StatusCallbackUrl.")
            .ValidateOnStart();
        builder.Services.AddHttpClient("sms", c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<ISmsProvider, TwilioSmsProvider>();
        builder.Services.AddSingleton<IChannelSender, SmsSender>();
        return builder;
    }
}
