using Omnichannel.Messaging.Telegram;
using Omnichannel.Messaging.WhatsApp;
using Omnichannel.Messaging.Operators;
using Omnichannel.Messaging.KeywordManagement;

namespace Omnichannel.Messaging;

public static class MessagingApi
{
    /// <summary>The webhooks and the staff's routes.</summary>
    public static WebApplication MapMessagingApi(this WebApplication app)
    {
        app.MapWebhooks();
        app.MapOperatorsApi();
        app.MapKeywordManagementApi();
        Notices.Listing.ListNoticesEndpoints.MapNoticesApi(app);
        NoticeChannels.ChoosingNoticeChannelEndpoints.Map(app);
        Broadcast.BroadcastSetup.MapBroadcastApi(app);
        return app;
    }

    /// <summary>The chat providers' webhooks. Public at the gateway (a provider holds no token of ours); each one is
    /// verified by its provider's own secret or signature before anything is read.</summary>
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        // 401: a wrong secret or signature; 403: a request carrying a token of ours without a council (TenantMiddleware).
        var hooks = app.MapGroup("/api/messaging/webhooks").AllowAnonymous().WithTags("Webhooks")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        hooks.MapPost("/telegram/{bot}", TelegramWebhook.Receive)
            .WithSummary("Telegram Bot API webhook (X-Telegram-Bot-Api-Secret-Token)")
            .Accepts<object>("application/json")
            .Produces<WebhookReceived>()
            .ProducesValidationProblem();
        hooks.MapGet("/whatsapp/{app}", WhatsAppWebhook.Verify)
            .WithSummary("WhatsApp Cloud API webhook verification (hub.mode, hub.verify_token, hub.challenge)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesValidationProblem();
        hooks.MapPost("/whatsapp/{app}", WhatsAppWebhook.Receive)
            .WithSummary("WhatsApp Cloud API webhook (X-Hub-Signature-256)")
            .Accepts<object>("application/json")
            .Produces<WebhookReceived>()
            .ProducesValidationProblem();
        hooks.MapPost("/sms/{account}", Sms.SmsWebhook.Receive)
            .WithSummary("SMS delivery reports (Twilio status callback, X-Twilio-Signature)")
            .Accepts<object>("application/x-www-form-urlencoded")
            .Produces<WebhookReceived>()
            .ProducesValidationProblem();
        return app;
    }
}

/// <summary>What a webhook answers once an update or notification is taken (or ignored as a kind not handled): the
/// providers look only at the 200, a client generator gets a body it can read.</summary>
public sealed record WebhookReceived(bool Received);
