namespace Omnichannel.StaffConsole.Gateway;

/// <summary>What the messaging service answers a code request: the same whether or not anyone has the details.</summary>
public sealed record WebNoticeCodeSent(int ExpiresInMinutes);

public sealed record WebNoticeChannelChosen(string PreferredChannel);

/// <summary>The citizen web's choice of the channel for notices: a one-time code sent on that channel, typed back.</summary>
public sealed partial class CitizenGateway
{
    /// <param name="kind">phone or email: what the citizen typed to say who they are (in the body, never in a URL).</param>
    /// <param name="device">This page's place-holder id (no personal data): the per-device throttle.</param>
    public Task<ApiResult<WebNoticeCodeSent>> RequestNoticeChannelCodeAsync(string kind, string value, string channel, string language, string device, CancellationToken ct = default) =>
        SendAsync<WebNoticeCodeSent>(HttpMethod.Post, "/api/messaging/notice-channel/codes", new { kind, value, channel, language, device }, ct);

    public Task<ApiResult<WebNoticeChannelChosen>> ConfirmNoticeChannelAsync(string kind, string value, string code, string device, CancellationToken ct = default) =>
        SendAsync<WebNoticeChannelChosen>(HttpMethod.Post, "/api/messaging/notice-channel/confirmation", new { kind, value, code, device }, ct);
}
