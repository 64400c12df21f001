using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>One staff read of a citizen's personal data (ENS: who accessed what), linked to the entry before it by
/// <paramref name="PreviousHash"/>: an edited or removed entry breaks the chain from there on.</summary>
public sealed record PersonalDataRead(long Number, Guid CitizenId, [NotPersonal] string Who, [NotPersonal] string What,
    [NotPersonal] string? Why, DateTimeOffset At, [NotPersonal] string PreviousHash, [NotPersonal] string Hash);

/// <summary>Why staff open a sensitive view, chosen from this list (kebab-case on the wire).</summary>
public static class AccessReasons
{
    public static readonly IReadOnlyList<string> All =
        ["citizen-request", "case-handling", "complaint-handling", "legal-obligation", "data-protection-review"];
}

/// <summary>The hash chain of the access log: each entry's hash covers its fields and the previous entry's hash.</summary>
public static class AccessLogChain
{
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(string previous, long number, Guid citizenId, string who, string what, string? why, DateTimeOffset at) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', previous, number, citizenId.ToString("N"), who, what, why ?? "", at.ToUnixTimeMilliseconds()))));

    /// <summary>The number of the first entry that does not verify (edited, removed or reordered), or null when intact.</summary>
    public static long? FirstBroken(IEnumerable<PersonalDataRead> entries)
    {
        var previous = Genesis;
        var expected = 1L;
        foreach (var e in entries)
        {
            if (e.Number != expected || e.PreviousHash != previous
                || e.Hash != HashOf(e.PreviousHash, e.Number, e.CitizenId, e.Who, e.What, e.Why, e.At))
                return expected;
            previous = e.Hash;
            expected++;
        }
        return null;
    }
}

/// <summary>The last time one read (reader, citizen, view, reason, address — by digest, <see cref="AccessLog.RepeatKey"/>) was
/// logged in a council: kept in the service's database, so every replica of the service sees the same window.</summary>
public sealed class AccessLogLastRead
{
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>Records staff reads of personal data in the service's own event store, one chained stream per council.</summary>
public sealed class AccessLog(IDocumentStore store, TimeProvider clock, IConfiguration configuration)
{
    public const string StreamKey = "access-log";

    // The same member of staff reading the same thing of the same citizen for the same reason again within the window (a
    // console panel re-reads the item it shows every few seconds): one entry says it; a new entry per poll would bury
    // the log and queue every read of the council behind one stream. The window is in the database, beside the log:
    // replicas behind the gateway share it.
    private TimeSpan RepeatWindow => TimeSpan.FromSeconds(configuration.GetValue("AccessLog:RepeatWindowSeconds", 300.0));

    /// <summary>A read by the API: recorded unless the same one (same reader, citizen, view, reason and address) was
    /// recorded less than <c>AccessLog:RepeatWindowSeconds</c> ago (default 300; 0 records every read), by this replica
    /// or another.</summary>
    public Task RecordReadAsync(string tenantId, Guid citizenId, string who, string what, string? why, string path, CancellationToken ct) =>
        AppendAsync(tenantId, citizenId, who, what, why, RepeatWindow > TimeSpan.Zero ? RepeatKey(citizenId, who, what, why, path) : null, ct);

    public Task RecordAsync(string tenantId, Guid citizenId, string who, string what, string? why, CancellationToken ct) =>
        AppendAsync(tenantId, citizenId, who, what, why, null, ct);

    /// <summary>The digest a read is remembered by (its address may be long; none of it is needed back).</summary>
    public static string RepeatKey(Guid citizenId, string who, string what, string? why, string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', citizenId.ToString("N"), who, what, why ?? "", path))));

    private async Task AppendAsync(string tenantId, Guid citizenId, string who, string what, string? why, string? repeatKey, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(tenantId);
            var state = await session.Events.FetchStreamStateAsync(StreamKey, ct);
            var at = clock.GetUtcNow();
            // Checked in the same unit of work as the append: of two replicas logging the same read at once, both expect the
            // same version of the log; one saves, the other loses the race, reads again, finds the first's mark and stops.
            if (repeatKey is not null && await session.LoadAsync<AccessLogLastRead>(repeatKey, ct) is { } seen
                && seen.At <= at && at - seen.At < RepeatWindow)
                return;
            var version = state?.Version ?? 0;
            var previous = AccessLogChain.Genesis;
            if (version > 0)
            {
                var last = await session.Events.FetchStreamAsync(StreamKey, fromVersion: version, token: ct);
                previous = ((PersonalDataRead)last[^1].Data).Hash;
            }
            var number = version + 1;
            var entry = new PersonalDataRead(number, citizenId, who, what, why, at, previous, AccessLogChain.HashOf(previous, number, citizenId, who, what, why, at));
            if (version == 0) session.Events.StartStream(StreamKey, entry);
            else session.Events.Append(StreamKey, number, entry);
            if (repeatKey is not null) session.Store(new AccessLogLastRead { Id = repeatKey, At = at });
            try
            {
                await session.SaveChangesAsync(ct);
            }
            // Two reads at once: the loser links to the winner's entry (or finds it was the same read) and tries again.
            catch (Exception e) when (attempt < 10 && EventStore.LostRace.Is(e))
            {
                continue;
            }
            if (repeatKey is not null && number % 128 == 0) await ForgetStaleAsync(tenantId, at - RepeatWindow, ct);
            return;
        }
    }

    /// <summary>Marks past the window say nothing any more: dropped now and then (by the entry that makes the log a multiple
    /// of 128 long), apart from the append, so the append never waits on it.</summary>
    private async Task ForgetStaleAsync(string tenantId, DateTimeOffset before, CancellationToken ct)
    {
        try
        {
            await using var session = store.LightweightSession(tenantId);
            session.DeleteWhere<AccessLogLastRead>(r => r.At < before);
            await session.SaveChangesAsync(ct);
        }
        catch (Npgsql.NpgsqlException)
        {
            // Another replica cleaning at the same moment: the next multiple of 128 tries again.
        }
    }

    public async Task<AccessLogPage> ReadAsync(string tenantId, Guid? citizenId, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        var entries = (await session.Events.FetchStreamAsync(StreamKey, token: ct)).Select(e => (PersonalDataRead)e.Data).ToList();
        var broken = AccessLogChain.FirstBroken(entries);
        return new AccessLogPage(broken is null, broken,
            entries.Where(e => citizenId is null || e.CitizenId == citizenId)
                .Select(e => new AccessLogEntry(e.Number, e.CitizenId, e.Who, e.What, e.Why, e.At, e.Hash)).ToList());
    }
}

/// <summary>Marks a staff read of personal data (<see cref="AccessLogEndpoints.RecordsPersonalDataRead"/>): its OpenAPI
/// operation then lists the <c>reason</c> query parameter with the reasons allowed.</summary>
public sealed record ReadsPersonalDataMetadata(string What, bool Sensitive);

public sealed record AccessLogEntry(long Number, Guid CitizenId, string Who, string What, string? Why, DateTimeOffset At, string Hash);

/// <summary>The log as the data-protection officer reads it: <paramref name="Intact"/> is false, naming the first entry
/// that fails, when any entry was edited or removed.</summary>
public sealed record AccessLogPage(bool Intact, long? FirstBrokenEntry, IReadOnlyList<AccessLogEntry> Items);

public static class AccessLogEndpoints
{
    /// <summary>Records, after a successful staff read, who read which citizen's <paramref name="what"/> and why. The
    /// citizen is the one the handler named (<see cref="ReadsCitizen"/>), else the route's <c>citizenId</c>, else the
    /// answer's <c>CitizenId</c>. On a sensitive view a reason from <see cref="AccessReasons"/> is required
    /// (<c>?reason=</c>): without one, 400 naming <c>reason</c>. <c>AccessLog:RequireReason=false</c> turns the requirement
    /// off (a reason given is still checked and logged); the safe default is on.</summary>
    public static TBuilder RecordsPersonalDataRead<TBuilder>(this TBuilder builder, string what, bool sensitive = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsPersonalDataMetadata(what, sensitive)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var staff = http.User.IsInRole(OmnichannelRoles.Staff);
            string? reason = http.Request.Query["reason"];
            var required = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("AccessLog:RequireReason", true);
            if (staff && sensitive && required && string.IsNullOrEmpty(reason))
                throw Rejection.Invalid("reason", $"Say why you open this view: one of {string.Join(", ", AccessReasons.All)}.");
            if (reason is not null && !AccessReasons.All.Contains(reason))
                throw Rejection.Invalid("reason", $"Use one of: {string.Join(", ", AccessReasons.All)}.");
            var result = await next(context);
            if (!staff || http.Response.StatusCode >= 300) return result;
            var citizen = http.Items[CitizenReadKey] is Guid named ? named
                : http.GetRouteValue("citizenId") is string s && Guid.TryParse(s, out var routed) ? routed
                : result is IValueHttpResult { Value: { } value } ? CitizenOf(value) : null;
            if (citizen is { } citizenId)
                await http.RequestServices.GetRequiredService<AccessLog>()
                    .RecordReadAsync(RequestContext.RequiredTenantId, citizenId, http.User.Subject(), what, reason, http.Request.Path, http.RequestAborted);
            return result;
        });

    private static readonly object CitizenReadKey = new();

    /// <summary>Names the citizen whose data this request answers, for a handler whose answer does not carry a top-level
    /// <c>CitizenId</c> (a ticket, a conversation, a file). Null (an anonymous ticket, an unlinked chat): nothing to log.</summary>
    public static void ReadsCitizen(this HttpContext http, Guid? citizenId)
    {
        if (citizenId is { } id) http.Items[CitizenReadKey] = id;
    }

    private static Guid? CitizenOf(object value) =>
        value.GetType().GetProperty("CitizenId")?.GetValue(value) switch
        {
            Guid g => g,
            _ => null,
        };

    /// <summary>The data-protection officer's routes of a service: <c>GET {prefix}/access-log?citizenId=</c> (this service's
    /// log) and <c>GET {prefix}/retention/dry-run</c> (what retention would mask now).</summary>
    public static IEndpointRouteBuilder MapAccessLog(this IEndpointRouteBuilder app, string prefix)
    {
        var name = prefix.Trim('/').Split('/')[^1];
        name = char.ToUpperInvariant(name[0]) + name[1..];
        app.MapGet($"{prefix}/retention/dry-run", async (Retention retention, CancellationToken ct) =>
                TypedResults.Ok(await retention.RunAsync(dryRun: true, ct)))
            .WithName($"Get{name}RetentionDryRun").WithTags("Data rights")
            .WithSummary("The streams whose personal data is past its retention period, which a pass would mask (data-protection officer).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy)
            .Produces<RetentionReport>();
        app.MapGet($"{prefix}/access-log", async (Guid? citizenId, AccessLog log, CancellationToken ct) =>
                TypedResults.Ok(await log.ReadAsync(RequestContext.RequiredTenantId, citizenId, ct)))
            .WithName($"Get{name}AccessLog")
            .WithTags("Data rights")
            .WithSummary("Who read which citizen's personal data, when and why; whether the hash chain is intact (data-protection officer).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy)
            .Produces<AccessLogPage>();
        return app;
    }
}
