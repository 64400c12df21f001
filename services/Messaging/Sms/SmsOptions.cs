using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Messaging.Sms;

/// <summary>
/// The councils' SMS accounts at a provider (<c>Messaging:Sms</c>), from configuration only; several per council. The
/// provider's credentials come from the environment, never from the repo.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Messaging:Sms";

    /// <summary>By name: the conversation's account and the last segment of the delivery-report webhook
    /// (<c>/api/messaging/webhooks/sms/{account}</c>).</summary>
    public Dictionary<string, SmsAccount> Accounts { get; set; } = new(StringComparer.Ordinal);

    public bool IsValid() => Accounts.Values.All(a =>
        RequestContext.IsValidTenantId(a.Council)
        && Uri.TryCreate(a.ApiBaseUrl, UriKind.Absolute, out _)
        && (a.StatusCallbackUrl is null || Uri.TryCreate(a.StatusCallbackUrl, UriKind.Absolute, out _)));

    /// <summary>The account a council's notices go out through (the first configured for it).</summary>
    public string? AccountOf(string council) => Accounts.FirstOrDefault(a => a.Value.Council == council).Key;
}

public sealed class SmsAccount
{
    public string Council { get; set; } = "";
    /// <summary>The provider's API (Twilio's Programmable Messaging; a fake on loopback in tests).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";
    /// <summary>The provider account (Twilio's Account SID, "AC…"): the basic-auth user.</summary>
    public string? AccountSid { get; set; }
    /// <summary>The basic-auth password and the key of the delivery reports' signature (secret).</summary>
    public string? AuthToken { get; set; }
    /// <summary>The sender: an E.164 number or an alphanumeric sender id ("AjMataro").</summary>
    public string? From { get; set; }
    /// <summary>The public URL of this account's delivery-report webhook, exactly as the provider is given it (the
    /// signature covers it); without it no delivery report is asked for.</summary>
    public string? StatusCallbackUrl { get; set; }
}
