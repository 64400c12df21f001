using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.Identity.Tests;

/// <summary>What the console's browser and backend do in the authorization code flow with PKCE, by hand over HTTP:
/// redirects followed one by one, cookies kept, the login form's hidden fields (antiforgery, return URL) posted back.</summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient http;
    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
    public string State { get; } = Guid.NewGuid().ToString("N");

    public Browser(Uri identity)
    {
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = identity,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    public string AuthorizeUrl(string? challenge = null) =>
        "/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = IdentityPlatform.ConsoleClientId,
            ["redirect_uri"] = IdentityPlatform.RedirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid offline_access",
            ["state"] = State,
            ["code_challenge"] = challenge ?? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    /// <summary>Opens the authorization endpoint, which sends a browser without a session to the login form: the form.</summary>
    public async Task<(string Action, string Html)> StartAsync()
    {
        var authorize = await http.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var login = authorize.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login", login);
        var page = await http.GetAsync(login);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return ("/account/login", await page.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form of <paramref name="html"/> with its hidden fields and <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string action, string html, params (string Name, string Value)[] fields)
    {
        var form = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields) form[name] = value;
        return await http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Follows redirects within the identity service until one leaves it (to the console's redirect URI).</summary>
    public async Task<Uri> FollowToClientAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 5; hops++)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri && location.OriginalString.StartsWith(IdentityPlatform.RedirectUri, StringComparison.Ordinal)) return location;
            response = await http.GetAsync(location);
        }
        throw new InvalidOperationException("Too many redirects.");
    }

    public static string Query(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).Single();

    /// <summary>What the console's backend does with the code: the token request, with its secret and the PKCE verifier.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> RedeemAsync(string code, string consoleSecret, string? verifier = null)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = IdentityPlatform.RedirectUri,
            ["code_verifier"] = verifier ?? Verifier,
            ["client_id"] = IdentityPlatform.ConsoleClientId,
            ["client_secret"] = consoleSecret,
        }));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, Dictionary<string, string> form)
    {
        var response = await http.PostAsync(path, new FormUrlEncodedContent(form));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}

/// <summary>The six-digit code an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps) for a base32 key.</summary>
public static class Authenticator
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key);
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(value >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
