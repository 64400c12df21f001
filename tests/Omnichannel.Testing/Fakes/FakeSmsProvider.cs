using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Testing.Fakes;

/// <summary>
/// An SMS provider speaking Twilio's Programmable Messaging wire format, as Twilio documents it
/// (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource), over HTTP on loopback:
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded To/From/Body/StatusCallback, HTTP basic
/// auth; 201 with the Message resource (<c>sid</c> "SM…", <c>status</c> "queued"); errors with Twilio's body
/// <c>{"code","message","more_info","status"}</c> — 20003 wrong credentials (401), 21211 invalid 'To' (400), 21610
/// unsubscribed recipient (400). <see cref="ReportAsync"/> then posts the status callback as Twilio does: a form with
/// MessageSid, MessageStatus, To, From, AccountSid, ApiVersion (ErrorCode when it failed), signed in
/// X-Twilio-Signature (base64 HMAC-SHA1 under the auth token of the URL followed by the sorted fields).
/// </summary>
public sealed class FakeSmsProvider : IAsyncDisposable
{
    public sealed record Sent(string Sid, string To, string From, string Body, string? StatusCallback);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Sent> sent = new();
    private readonly ConcurrentDictionary<string, int> refused = new();
    private readonly HttpClient callbacks = new();

    public FakeSmsProvider(string accountSid, string authToken)
    {
        AccountSid = accountSid;
        AuthToken = authToken;
        BaseUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", Create);
        app.StartAsync().GetAwaiter().GetResult();
    }

    public string AccountSid { get; }
    public string AuthToken { get; }
    public string BaseUrl { get; }

    public IReadOnlyList<Sent> Messages => [.. sent];

    public IReadOnlyList<Sent> To(string number) => Messages.Where(m => m.To == number).ToList();

    /// <summary>Sends to <paramref name="number"/> are refused from now on with Twilio's error <paramref name="code"/> (21211, 21610).</summary>
    public void Refuse(string number, int code = 21610) => refused[number] = code;

    private async Task<IResult> Create(string sid, HttpRequest request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (sid != AccountSid || request.Headers.Authorization.ToString() != expected)
            return Error(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        if (!request.HasFormContentType) return Error(HttpStatusCode.BadRequest, 21201, "No 'To' number is specified");
        var form = await request.ReadFormAsync();
        string to = form["To"].ToString(), from = form["From"].ToString(), body = form["Body"].ToString();
        if (to.Length == 0) return Error(HttpStatusCode.BadRequest, 21604, "A 'To' phone number is required.");
        if (body.Length == 0) return Error(HttpStatusCode.BadRequest, 21602, "Message body is required.");
        if (!to.StartsWith('+') || to.Length < 8) return Error(HttpStatusCode.BadRequest, 21211, $"The 'To' number {to} is not a valid phone number.");
        if (refused.TryGetValue(to, out var code))
            return Error(HttpStatusCode.BadRequest, code, code == 21610 ? "Attempt to send to unsubscribed recipient" : $"The 'To' number {to} is not a valid phone number.");

        var messageSid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var callback = form["StatusCallback"].ToString();
        sent.Enqueue(new Sent(messageSid, to, from, body, callback.Length == 0 ? null : callback));
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        var resource = new JsonObject
        {
            ["account_sid"] = AccountSid, ["api_version"] = "2010-04-01", ["body"] = body, ["date_created"] = now, ["date_sent"] = null,
            ["date_updated"] = now, ["direction"] = "outbound-api", ["error_code"] = null, ["error_message"] = null, ["from"] = from,
            ["messaging_service_sid"] = null, ["num_media"] = "0", ["num_segments"] = "1", ["price"] = null, ["price_unit"] = "USD",
            ["sid"] = messageSid, ["status"] = "queued", ["to"] = to,
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}.json",
        };
        return Results.Json(resource, statusCode: 201);
    }

    /// <summary>Posts the status callback of a sent message (as Twilio does when the carrier reports), signed; returns the webhook's status.</summary>
    public async Task<HttpStatusCode> ReportAsync(Sent message, string status, string? signatureOverride = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["ApiVersion"] = "2010-04-01", ["From"] = message.From, ["MessageSid"] = message.Sid,
            ["MessageStatus"] = status, ["SmsSid"] = message.Sid, ["SmsStatus"] = status, ["To"] = message.To,
        };
        if (status is "failed" or "undelivered") form["ErrorCode"] = "30003";
        var url = message.StatusCallback ?? throw new InvalidOperationException("The message was sent without a StatusCallback.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signatureOverride ?? Sign(url, form, AuthToken));
        using var response = await callbacks.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A citizen texts the council's number: Twilio's incoming-message webhook (the form it posts to the number's
    /// "a message comes in" URL), signed; returns the webhook's status.</summary>
    public async Task<HttpStatusCode> IncomingAsync(string webhookUrl, string from, string to, string body, string? messageSid = null, string? signatureOverride = null)
    {
        var sid = messageSid ?? "SM" + Guid.NewGuid().ToString("N");
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["ApiVersion"] = "2010-04-01", ["Body"] = body, ["From"] = from, ["FromCountry"] = "ES",
            ["MessageSid"] = sid, ["NumMedia"] = "0", ["NumSegments"] = "1", ["SmsMessageSid"] = sid, ["SmsSid"] = sid,
            ["SmsStatus"] = "received", ["To"] = to, ["ToCountry"] = "ES",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signatureOverride ?? Sign(webhookUrl, form, AuthToken));
        using var response = await callbacks.SendAsync(request);
        return response.StatusCode;
    }

    public static string Sign(string url, IReadOnlyDictionary<string, string> form, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal)) data.Append(key).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    private static IResult Error(HttpStatusCode status, int code, string message) => Results.Json(new JsonObject
    {
        ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = (int)status,
    }, statusCode: (int)status);

    public async ValueTask DisposeAsync()
    {
        callbacks.Dispose();
        await app.DisposeAsync();
    }
}
