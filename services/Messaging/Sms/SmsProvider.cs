using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Omnichannel.Messaging.Sms;

/// <summary>What an SMS provider answered to a send.</summary>
public abstract record SmsResult
{
    public sealed record Accepted(string ProviderMessageId) : SmsResult;
    /// <summary>Refused for good (not a mobile number, the citizen opted out, bad credentials): retrying would not help.</summary>
    public sealed record Refused(string Reason) : SmsResult;
}

/// <summary>One SMS provider's HTTP API. Throws only for what is worth trying again later (down, 429, 5xx).</summary>
public interface ISmsProvider
{
    Task<SmsResult> SendAsync(SmsAccount account, string to, string text, CancellationToken ct);
}

/// <summary>
/// Twilio's Programmable Messaging API, as documented: <c>POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// form-encoded <c>To</c>, <c>From</c>, <c>Body</c>, <c>StatusCallback</c>, HTTP basic auth (Account SID, auth token);
/// 201 with the Message resource (<c>sid</c> "SM…", <c>status</c> "queued"), errors as <c>{"code", "message",
/// "more_info", "status"}</c> (e.g. 21211 invalid 'To', 21610 unsubscribed recipient, 20003 authentication).
/// </summary>
public sealed class TwilioSmsProvider(IHttpClientFactory http, ILogger<TwilioSmsProvider> logger) : ISmsProvider
{
    public async Task<SmsResult> SendAsync(SmsAccount account, string to, string text, CancellationToken ct)
    {
        if (account.AccountSid is not { Length: > 0 } sid || account.AuthToken is not { Length: > 0 } token) return new SmsResult.Refused("no-credentials");
        var form = new List<KeyValuePair<string, string>> { new("To", to), new("From", account.From ?? ""), new("Body", text) };
        if (account.StatusCallbackUrl is { Length: > 0 } callback) form.Add(new("StatusCallback", callback));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{account.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(sid)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{token}")));
        using var response = await http.CreateClient("sms").SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            using var document = JsonDocument.Parse(body);
            return new SmsResult.Accepted(document.RootElement.GetProperty("sid").GetString()!);
        }
        if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            throw new HttpRequestException($"The SMS provider answered {(int)response.StatusCode}; the message will be tried again.");
        var code = ErrorCode(body);
        logger.LogWarning("The SMS provider refused a message: HTTP {Status}, error {Code}", (int)response.StatusCode, code);
        return new SmsResult.Refused(code is { } c ? $"twilio-{c.ToString(CultureInfo.InvariantCulture)}" : $"http-{(int)response.StatusCode}");
    }

    private static int? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException) { return null; }
    }
}
