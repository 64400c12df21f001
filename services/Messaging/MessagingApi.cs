using Omnichannel.Messaging.Telegram;
using Omnichannel.Messaging.WhatsApp;

namespace Omnichannel.Messaging;

public static class MessagingApi
{
    /// <summary>The chat providers' webhooks. Public at the gateway (a provider holds no token of ours); each one is
    /// verified by its provider's own secret or signature before anything is read.</summary>
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        var hooks = app.MapGroup("/api/messaging/webhooks").AllowAnonymous().WithTags("Webhooks");
        hooks.MapPost("/telegram/{bot}", TelegramWebhook.Receive)
            .WithSummary("Telegram Bot API webhook (X-Telegram-Bot-Api-Secret-Token)")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        hooks.MapGet("/whatsapp/{app}", WhatsAppWebhook.Verify)
            .WithSummary("WhatsApp Cloud API webhook verification (hub.mode, hub.verify_token, hub.challenge)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        hooks.MapPost("/whatsapp/{app}", WhatsAppWebhook.Receive)
            .WithSummary("WhatsApp Cloud API webhook (X-Hub-Signature-256)")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}
