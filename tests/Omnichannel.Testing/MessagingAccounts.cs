using System.Security.Cryptography;

namespace Omnichannel.Testing;

/// <summary>The messaging service's chat accounts in a test: the demo bot <c>citymes</c> and the WhatsApp app
/// <c>mataro</c> (both of the council <see cref="Tokens.Tenant"/>), with secrets made for this run.</summary>
public sealed class MessagingAccounts
{
    public const string Bot = "citymes";
    public const string App = "mataro";
    public const string PhoneNumberId = "106540352242922";

    public string BotToken { get; } = $"{RandomNumberGenerator.GetInt32(100_000, int.MaxValue)}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}";
    public string WebhookSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    public string AppSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    public string VerifyToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string AccessToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The settings the messaging service gets (pointing at the fakes when given).</summary>
    public Dictionary<string, string?> Settings(string? telegramApi = null, string? graphApi = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Messaging:Telegram:Bots:{Bot}:Council"] = Tokens.Tenant,
            [$"Messaging:Telegram:Bots:{Bot}:Token"] = BotToken,
            [$"Messaging:Telegram:Bots:{Bot}:WebhookSecret"] = WebhookSecret,
            [$"Messaging:WhatsApp:Apps:{App}:Council"] = Tokens.Tenant,
            [$"Messaging:WhatsApp:Apps:{App}:AppSecret"] = AppSecret,
            [$"Messaging:WhatsApp:Apps:{App}:VerifyToken"] = VerifyToken,
            [$"Messaging:WhatsApp:Apps:{App}:AccessToken"] = AccessToken,
        };
        if (telegramApi is not null) settings["Messaging:Telegram:ApiBaseUrl"] = telegramApi;
        if (graphApi is not null) settings["Messaging:WhatsApp:GraphBaseUrl"] = graphApi;
        return settings;
    }
}
