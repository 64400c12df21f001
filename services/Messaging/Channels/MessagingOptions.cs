using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Messaging.Channels;

/// <summary>
/// The council's chat accounts, from configuration only (<c>Messaging:*</c>). Several bots and WhatsApp apps, each
/// naming the council it serves; their secrets (bot token, webhook secret, app secret, verify token, access token)
/// come from the environment (tools/run.sh's .local/dev-secrets.env, the chart's Secrets), never from the repo. An
/// account whose secret is missing refuses every webhook call (401): nothing can be verified against it.
/// </summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public TelegramOptions Telegram { get; set; } = new();
    public WhatsAppOptions WhatsApp { get; set; } = new();

    public sealed class TelegramOptions
    {
        /// <summary>Where the Bot API answers (a fake on loopback in tests).</summary>
        public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

        /// <summary>By the bot's name in its webhook route: <c>/api/messaging/webhooks/telegram/{bot}</c>.</summary>
        public Dictionary<string, TelegramBot> Bots { get; set; } = new(StringComparer.Ordinal);
    }

    public sealed class TelegramBot
    {
        public string Council { get; set; } = "";
        /// <summary>The bot token (secret).</summary>
        public string? Token { get; set; }
        /// <summary>The <c>secret_token</c> given to setWebhook; Telegram sends it as X-Telegram-Bot-Api-Secret-Token (secret).</summary>
        public string? WebhookSecret { get; set; }
    }

    public sealed class WhatsAppOptions
    {
        /// <summary>The Graph API, with its version (a fake on loopback in tests).</summary>
        public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v23.0";

        /// <summary>By the app's name in its webhook route: <c>/api/messaging/webhooks/whatsapp/{app}</c>.</summary>
        public Dictionary<string, WhatsAppApp> Apps { get; set; } = new(StringComparer.Ordinal);
    }

    public sealed class WhatsAppApp
    {
        public string Council { get; set; } = "";
        /// <summary>The app secret: the key of X-Hub-Signature-256 (secret).</summary>
        public string? AppSecret { get; set; }
        /// <summary>What Meta echoes as hub.verify_token when the webhook is set up (secret).</summary>
        public string? VerifyToken { get; set; }
        /// <summary>The bearer token for the Graph messages endpoint (secret).</summary>
        public string? AccessToken { get; set; }

        /// <summary>The app's approved message templates, by what they carry (<c>alert</c>, <c>notice</c>,
        /// <c>campaign</c>, <c>reply</c>; <c>default</c> for any other): outside a citizen's 24-hour window only a
        /// template may be sent (services/Messaging/Sending/WhatsAppSender.cs).</summary>
        public Dictionary<string, WhatsAppTemplate> Templates { get; set; } = new(StringComparer.Ordinal);
    }

    /// <summary>A template as approved in WhatsApp Manager: its name, its language code per citizen language, and what
    /// fills its body's variables in order (<c>text</c>: the message itself).</summary>
    public sealed class WhatsAppTemplate
    {
        public string Name { get; set; } = "";
        /// <summary>ca/es/en → the template's language code at Meta (e.g. "ca", "es", "en_US"); a language without one uses Catalan's.</summary>
        public Dictionary<string, string> Languages { get; set; } = new(StringComparer.Ordinal) { ["ca"] = "ca", ["es"] = "es", ["en"] = "en" };
        public List<string> BodyParameters { get; set; } = ["text"];
    }

    /// <summary>Start-up check: every account names a valid council (a typo would file messages under no council).</summary>
    public bool IsValid() =>
        Telegram.Bots.Values.All(b => RequestContext.IsValidTenantId(b.Council))
        && WhatsApp.Apps.Values.All(a => RequestContext.IsValidTenantId(a.Council))
        && Uri.TryCreate(Telegram.ApiBaseUrl, UriKind.Absolute, out _)
        && Uri.TryCreate(WhatsApp.GraphBaseUrl, UriKind.Absolute, out _);
}
