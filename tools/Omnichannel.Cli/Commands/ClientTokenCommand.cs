using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Omnichannel.Cli.Commands;

/// <summary>
/// <c>client-token --authority URL --client KEY [--client-id ID] [--tenant COUNCIL]</c>: asks the identity service for
/// a token by client credentials (<c>POST {authority}/connect/token</c>, <c>grant_type=client_credentials</c>) and
/// prints the access token and nothing else. The secret is read from <c>Identity__Clients__&lt;KEY&gt;__Secret</c>
/// (the variable the identity service reads; tools/run.sh keeps it in .local/dev-secrets.env) or <c>--client-secret</c>;
/// the client id defaults to the key in kebab case, as the identity service does (<c>mataroChannelApp</c> →
/// <c>mataro-channel-app</c>). <c>--tenant</c> names the council for a service client allowed any council.
/// The <c>token</c> command (a token signed with the development key) stays for tests and local tries.
/// </summary>
public static class ClientTokenCommand
{
    public static Command Create()
    {
        var authority = new Option<string>("--authority") { Description = "The identity service (or the gateway in front of it), e.g. http://localhost:8080.", Required = true };
        var client = new Option<string>("--client") { Description = "The client's configuration key, e.g. mataroChannelApp.", Required = true };
        var clientId = new Option<string?>("--client-id") { Description = "The client id, when not the key in kebab case." };
        var secret = new Option<string?>("--client-secret") { Description = "The client secret (default: $Identity__Clients__<KEY>__Secret)." };
        var tenant = new Option<string?>("--tenant") { Description = "The council, for a service client that may act for any." };
        var command = new Command("client-token", "Get a token from the identity service by client credentials.") { authority, client, clientId, secret, tenant };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(authority)!, parse.GetValue(client)!, parse.GetValue(clientId), parse.GetValue(secret),
            parse.GetValue(tenant), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string authority, string key, string? clientId, string? secret, string? tenant, TextWriter output, TextWriter error,
        CancellationToken cancellation)
    {
        secret ??= Environment.GetEnvironmentVariable($"Identity__Clients__{key}__Secret");
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine($"No secret: pass --client-secret or export Identity__Clients__{key}__Secret (tools/run.sh keeps it in .local/dev-secrets.env).");
            return 2;
        }
        clientId ??= Regex.Replace(key, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (!string.IsNullOrWhiteSpace(tenant)) form["tenant"] = tenant;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await http.PostAsync(new Uri(new Uri(authority.TrimEnd('/') + "/"), "connect/token"), new FormUrlEncodedContent(form), cancellation);
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellation);
            if (!response.IsSuccessStatusCode || body?.AccessToken is null)
            {
                // RFC 6749 §5.2: error and error_description.
                error.WriteLine($"{(int)response.StatusCode}: {body?.Error} {body?.ErrorDescription}".Trim());
                return 1;
            }
            output.WriteLine(body.AccessToken);
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            error.WriteLine($"The identity service at {authority} did not answer: {e.Message}");
            return 1;
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
