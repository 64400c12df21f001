using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnichannel.Contracts.V1;

namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>
/// The staff accounts an administrator disabled, as every service's token validation needs them: a disabled account's
/// access token is refused at once (a 401 on REST, Unauthenticated on gRPC) instead of working until it expires
/// (<c>Identity:AccessTokenMinutes</c>). Kept in memory from the identity service's <see cref="StaffAccountDisabled"/> and
/// <see cref="StaffAccountEnabled"/> events (each instance hears them on a queue of its own: <see cref="StaffAccessConsumer"/>)
/// and read again from the identity service at start (<see cref="StaffAccessCatchUp"/>): no database read per request.
/// </summary>
public sealed class StaffAccessWithdrawals
{
    /// <summary>Per account (the tokens' <c>sub</c>): when it was last disabled, and whether it is enabled again since.</summary>
    public sealed record Withdrawal(DateTimeOffset DisabledAt, bool EnabledAgain, DateTimeOffset ChangedAt);

    private readonly ConcurrentDictionary<string, Withdrawal> accounts = new(StringComparer.Ordinal);

    /// <summary>Whether a token of <paramref name="subject"/> issued at <paramref name="issuedAt"/> is refused. While the
    /// account is disabled, every token is (it can get no new one); once enabled again, those issued before the disabling
    /// (a token's <c>iat</c> has whole seconds: one issued in the disabling's second is refused too, to be sure).</summary>
    public bool Refuses(string subject, DateTimeOffset issuedAt) =>
        accounts.TryGetValue(subject, out var withdrawal) && Refuses(withdrawal, issuedAt);

    public static bool Refuses(Withdrawal withdrawal, DateTimeOffset issuedAt) =>
        !withdrawal.EnabledAgain || issuedAt.ToUnixTimeSeconds() <= withdrawal.DisabledAt.ToUnixTimeSeconds();

    /// <summary>The account was disabled at <paramref name="at"/>. Events and the catch-up may arrive in any order and
    /// twice: the latest change wins.</summary>
    public void Disabled(string subject, DateTimeOffset at) =>
        Apply(subject, new Withdrawal(at, EnabledAgain: false, ChangedAt: at));

    /// <summary>The account was enabled again at <paramref name="at"/> (after being disabled at <paramref name="disabledAt"/>,
    /// when known).</summary>
    public void Enabled(string subject, DateTimeOffset at, DateTimeOffset? disabledAt = null)
    {
        var known = accounts.TryGetValue(subject, out var withdrawal) ? withdrawal.DisabledAt : (DateTimeOffset?)null;
        var since = disabledAt ?? known;
        // Enabled without a known disabling: nothing was issued before it that should be refused.
        if (since is null) return;
        Apply(subject, new Withdrawal(since.Value, EnabledAgain: true, ChangedAt: at));
    }

    private void Apply(string subject, Withdrawal change) =>
        accounts.AddOrUpdate(subject, change, (_, held) => change.ChangedAt >= held.ChangedAt ? change : held);
}

/// <summary>The identity service's account events, on a queue of this instance's own (auto-deleted when it stops): every
/// replica of every service must hear each one, not just one of them. Applying one twice changes nothing.</summary>
public sealed class StaffAccessConsumer(StaffAccessWithdrawals withdrawals) : IConsumer<StaffAccountDisabled>, IConsumer<StaffAccountEnabled>
{
    /// <summary>The queue's name before this instance's id ("&lt;service&gt;-staff-access-&lt;id&gt;").</summary>
    public const string QueueTag = "staff-access";

    public Task Consume(ConsumeContext<StaffAccountDisabled> context)
    {
        withdrawals.Disabled(context.Message.AccountId, context.Message.OccurredAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<StaffAccountEnabled> context)
    {
        withdrawals.Enabled(context.Message.AccountId, context.Message.OccurredAt);
        return Task.CompletedTask;
    }
}

/// <summary>What the identity service answers at <c>GET /api/identity/staff-access</c> (service token): the accounts
/// disabled now, and those enabled again within an access token's lifetime.</summary>
public sealed record StaffAccessEntry(string AccountId, DateTimeOffset? DisabledAt, bool Disabled, DateTimeOffset? EnabledAt);

/// <summary>
/// At start, the withdrawals made while this instance was not listening, from their durable source (the identity
/// service's accounts and audit), asked with this service's own token; retried until it answers. Only where tokens come
/// from an authority (<c>Auth:Authority</c>): with the platform key alone there is no identity service to ask.
/// </summary>
public sealed class StaffAccessCatchUp(
    JwtSettings settings, ServiceTokens tokens, StaffAccessWithdrawals withdrawals, ILogger<StaffAccessCatchUp> logger) : BackgroundService
{
    public const string Path = "api/identity/staff-access";

    /// <summary>The council named in the service token: the list spans every council, any valid one will do.</summary>
    private const string AnyCouncil = "platform";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Authority) || !tokens.FromAuthority) return;
        var address = new Uri(new Uri(settings.Authority.TrimEnd('/') + "/"), Path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, address);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForAsync(AnyCouncil, stoppingToken));
                using var response = await http.SendAsync(request, stoppingToken);
                response.EnsureSuccessStatusCode();
                var entries = await response.Content.ReadFromJsonAsync<List<StaffAccessEntry>>(stoppingToken) ?? [];
                foreach (var entry in entries)
                {
                    if (entry.Disabled) withdrawals.Disabled(entry.AccountId, entry.DisabledAt ?? DateTimeOffset.MinValue);
                    else if (entry is { DisabledAt: { } disabledAt, EnabledAt: { } enabledAt }) withdrawals.Enabled(entry.AccountId, enabledAt, disabledAt);
                }
                logger.LogInformation("Staff access read from the identity service: {Count} accounts disabled or enabled again lately", entries.Count);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The identity service did not give the disabled staff accounts ({Error}); asking again in {Wait}", e.Message, wait);
                await Task.Delay(wait, stoppingToken);
                wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, 30));
            }
        }
    }
}
