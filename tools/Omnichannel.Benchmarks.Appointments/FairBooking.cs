using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.Benchmarks;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks.Appointments;

/// <summary>
/// Issue 12: the same flash crowd — humans arriving one every half millisecond (so "the first 200 arrivals" means
/// something) plus bots at the gate when it opens, each bot one client token with many citizens' identities — once
/// through today's admission control (429 and Retry-After, search and book until booked or nothing is left) and once
/// through the waiting room (join, wait on the turn with a long poll, search and book with the queue token once
/// admitted). Each on its own day of 200 places. Prints per run: booked, double bookings, time from arrival to a
/// definitive answer (booked, or no place) p50/p99, fairness (share of the first 200 human arrivals that got a place)
/// and the places bots took.
/// </summary>
internal static class FairBooking
{
    public const int Bots = 50;
    public const int IdentitiesPerBot = 10;
    private const double HumanSpacingMs = 0.5;

    public sealed record Setup(HttpClient Http, Tokens Tokens, IServiceProvider Appointments, string Staff, string Office, string Procedure, int Places, int Humans,
        Func<HttpMethod, string, string, object?, HttpRequestMessage> Request);

    private sealed record Member(int Index, bool Bot, string Token, Guid Citizen, double ArrivalMs);

    private sealed class Outcome
    {
        /// <summary>Per member: booked or not, the time from its first request to its definitive answer, how it ended, and
        /// when it really sent its first request (ms since the crowd started) — its arrival, which may be later than the
        /// one it was scheduled for when this machine is busy.</summary>
        public ConcurrentDictionary<int, (bool Booked, double AnswerMs, string How, double ArrivedMs)> Members { get; } = new();
        public ConcurrentDictionary<HttpStatusCode, int> Statuses { get; } = new();
        /// <summary>Answers per kind of request (join, turn, search, book): which step the refusals and time come from.</summary>
        public ConcurrentDictionary<string, int> ByKind { get; } = new();
        public ConcurrentDictionary<string, ConcurrentBag<double>> KindMs { get; } = new();
        /// <summary>Each member's first call (the join; the first search under admission control), sent to answered.</summary>
        public ConcurrentBag<double> FirstCalls { get; } = [];
        /// <summary>Per member of the room run, ms from its first request: its join answered, its turn first seen admitted.</summary>
        public ConcurrentDictionary<int, double> Joined { get; } = new();
        public ConcurrentDictionary<int, double> AdmittedSeen { get; } = new();
        /// <summary>What PostgreSQL's active backends were doing, sampled every 50 ms during the run (wait event · statement).</summary>
        public ConcurrentDictionary<string, int> Activity { get; } = new();
        public TimeSpan Wall;
    }

    public static async Task<bool> RunAsync(Setup s, DateOnly day)
    {
        var controlDay = day.AddDays(5);
        var roomDay = day.AddDays(6);
        var warmDay = day.AddDays(7);
        Console.WriteLine();
        Console.WriteLine($"Fair booking (issue 12): {s.Humans} humans + {Bots} bots × {IdentitiesPerBot} identities for {s.Places} places; registering citizens…");
        var control = await MembersAsync(s, "control", s.Humans);
        var room = await MembersAsync(s, "room", s.Humans);
        var warm = await MembersAsync(s, "warm", 400, bots: 5);
        // Citizens register long before a window opens: wait until appointments has heard of them all (its KnownCitizen
        // copy), as it would have, so joins do not each ask the citizens service.
        var ids = control.Concat(room).Concat(warm).Select(m => m.Citizen).ToList();
        var known = Stopwatch.StartNew();
        while (known.Elapsed < TimeSpan.FromMinutes(3))
        {
            await using var session = s.Appointments.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
            if ((await session.LoadManyAsync<KnownCitizen>(ids)).Count == ids.Count) break;
            await Task.Delay(500);
        }

        Console.WriteLine("Waiting-room warm-up crowd (400 humans, 5 bots) on another day…");
        await OpenRoomAsync(s, warmDay);
        await RunRoomAsync(s, warm, warmDay);

        // The floor: what this machine can do for the same crowd sending one authenticated request each (the turn of an
        // open room without a queue token: the gateway, both token checks, one room read, a 403) — no flow of several
        // requests can answer everyone sooner than this.
        Console.WriteLine("Floor: the same crowd, one authenticated request each…");
        var floor = await RunAsync(room, async (m, o) =>
        {
            using var response = await SendAsync(s, o, s.Request(HttpMethod.Get, $"/api/appointments/waiting-rooms/{s.Procedure}/turn", m.Token, null));
            return (false, response.StatusCode == HttpStatusCode.Forbidden ? "floor" : $"floor-{(int)response.StatusCode}");
        });

        Console.WriteLine($"Admission control (429 + Retry-After) on {controlDay:yyyy-MM-dd}…");
        var byControl = await RunControlAsync(s, control, controlDay);
        Console.WriteLine($"Waiting room on {roomDay:yyyy-MM-dd}…");
        var opened = await OpenRoomAsync(s, roomDay);
        using var phases = new JoinPhases();
        using var sampling = new CancellationTokenSource();
        var activity = SampleActivityAsync(s, sampling.Token);
        var byRoom = await RunRoomAsync(s, room, roomDay);
        phases.Stop();
        await sampling.CancelAsync();
        var (samples, busy) = await activity;
        var serverOrder = await ServerOrderAsync(s);
        var roomView = await ReadAsync(s, HttpMethod.Get, $"/api/appointments/waiting-rooms/{s.Procedure}", s.Staff);

        Console.WriteLine();
        Console.WriteLine($"{"",-34}{"admission control",-22}{"waiting room",-22}goal");
        var c = await ReportAsync(s, control, byControl, controlDay);
        var r = await ReportAsync(s, room, byRoom, roomDay, serverOrder);
        void Row(string what, string a, string b, string goal = "") => Console.WriteLine($"{what,-34}{a,-22}{b,-22}{goal}");
        Row("booked (read model)", $"{c.Booked} ({c.Views})", $"{r.Booked} ({r.Views})", $"= {s.Places}");
        Row("double bookings", $"{c.Double}", $"{r.Double}", "0");
        Row("time to answer p50", $"{c.P50 / 1000:F2} s", $"{r.P50 / 1000:F2} s");
        Row("time to answer p99", $"{c.P99 / 1000:F2} s", $"{r.P99 / 1000:F2} s", "<= 3 s");
        Row("  humans only p99", $"{c.HumanP99 / 1000:F2} s", $"{r.HumanP99 / 1000:F2} s");
        Row("fairness (first 200 humans)", "-", $"{r.Fairness:F3}", ">= 0.95");
        Row("  by the client's send instant", $"{c.FairnessBySend:F3}", $"{r.FairnessBySend:F3}");
        Row("  reordered before the gateway", "-", $"{r.Reordered}");
        Row("places taken by bots", $"{c.BotPlaces}", $"{r.BotPlaces}");
        static string Split(Outcome o, bool booked)
        {
            var v = o.Members.Values.Where(x => x.Booked == booked).Select(x => x.AnswerMs).OrderBy(x => x).ToArray();
            return v.Length == 0 ? "-" : $"{Measure.Percentile(v, 50) / 1000:F2} / {Measure.Percentile(v, 99) / 1000:F2} s";
        }
        static string Firsts(Outcome o)
        {
            var v = o.FirstCalls.OrderBy(x => x).ToArray();
            return v.Length == 0 ? "-" : $"{Measure.Percentile(v, 50) / 1000:F2} / {Measure.Percentile(v, 99) / 1000:F2} s";
        }
        Row("  booked p50 / p99", Split(byControl, true), Split(byRoom, true));
        Row("  not booked p50 / p99", Split(byControl, false), Split(byRoom, false));
        Row("first call p50 / p99", Firsts(byControl), Firsts(byRoom));
        Row("wall time", $"{byControl.Wall.TotalSeconds:F1} s", $"{byRoom.Wall.TotalSeconds:F1} s");
        Row("answers", Answers(byControl), Answers(byRoom));
        Row("outcomes", Outcomes(byControl), Outcomes(byRoom));
        Console.WriteLine($"room answers by request: {string.Join(" ", byRoom.ByKind.OrderBy(x => x.Key).Select(x => $"{x.Key}:{x.Value}"))}");
        Console.WriteLine($"room request time p50/p99 ms: {string.Join(", ", byRoom.KindMs.OrderBy(x => x.Key).Select(x => { var v = x.Value.OrderBy(t => t).ToArray(); return $"{x.Key} {Measure.Percentile(v, 50):F0}/{Measure.Percentile(v, 99):F0} (n {v.Length})"; }))}");
        // How long after the last place went the last client still waiting was told (the issue: everyone at once).
        static string Spread(Outcome o)
        {
            var lastBooked = o.Members.Values.Where(v => v.Booked).Select(v => v.ArrivedMs + v.AnswerMs).DefaultIfEmpty(0).Max();
            var told = o.Members.Values.Where(v => v.How is "no-places-left" or "none-left").Select(v => v.ArrivedMs + v.AnswerMs).Where(t => t >= lastBooked - 1000).ToList();
            return told.Count == 0 ? "nobody left waiting" : $"{Math.Max(0, told.Max() - lastBooked):F0} ms ({told.Count} told)";
        }
        Row("last told after last booking", Spread(byControl), Spread(byRoom), "<= 1 s");
        Console.WriteLine($"room at the end: {roomView.GetProperty("state")}, places {opened.GetProperty("places")}, booked {roomView.GetProperty("booked")}, " +
            $"refused (bots) {roomView.GetProperty("refused")}, told no places left {roomView.GetProperty("toldNoPlacesLeft")}, turns lost {roomView.GetProperty("left")}, " +
            $"average turn {roomView.GetProperty("averageTurnSeconds")} s; sold out at {roomView.GetProperty("soldOutAt")}");
        Console.WriteLine("fairness: the first 200 humans in the order the room kept (the gateway's arrival stamp — the instant the platform " +
            "received the join, the only arrival it can see); 'by the client's send instant' judges by the bench's own clock instead, and " +
            "'reordered before the gateway' counts the first 200 by send instant that reached the gateway outside its first 200 (connection " +
            "set-up and this one process's thread pool between the two instants). Admission control keeps no order: send instant only.");
        var floorMs = floor.Members.Values.Select(v => v.AnswerMs).OrderBy(x => x).ToArray();
        var floorP99 = Measure.Percentile(floorMs, 99);
        Console.WriteLine($"floor (one authenticated request each, same crowd): p50 {Measure.Percentile(floorMs, 50) / 1000:F2} s, p99 {floorP99 / 1000:F2} s, " +
            $"answers {Answers(floor)}, wall {floor.Wall.TotalSeconds:F1} s; time to answer p99 over the floor's: admission control {c.P99 / floorP99:F1}×, waiting room {r.P99 / floorP99:F1}×");
        await PhasesAsync(s, byRoom);
        Console.WriteLine("joins in the service, p50 / p99 ms (the service's meter, Omnichannel.Appointments.WaitingRoom):");
        foreach (var line in phases.Lines()) Console.WriteLine($"  {line}");
        Console.WriteLine($"PostgreSQL during the room run: {samples} samples every 50 ms, active backends by wait event · statement (samples):");
        foreach (var (what, n) in busy.OrderByDescending(x => x.Value).Take(18)) Console.WriteLine($"  {n,6}  {what}");
        var goals = new[] { r.P99 <= 3000, r.Fairness >= 0.95 };
        Console.WriteLine($"waiting room goals met: {goals.Count(g => g)} of {goals.Length} (p99 <= 3 s, fairness >= 0.95)");
        return r.Booked == s.Places && r.Double == 0 && c.Double == 0;
    }

    private static string Kind(Uri uri) => uri.OriginalString switch
    {
        var u when u.Contains("/entries", StringComparison.Ordinal) => "join",
        var u when u.Contains("/turn", StringComparison.Ordinal) => "turn",
        var u when u.Contains("/slots", StringComparison.Ordinal) => "search",
        var u when u.Contains("/bookings", StringComparison.Ordinal) => "book",
        _ => "other",
    };

    private static string Answers(Outcome o) => string.Join(" ", o.Statuses.OrderBy(x => x.Key).Select(x => $"{(int)x.Key}:{x.Value}"));

    private static string Outcomes(Outcome o) => string.Join(" ", o.Members.Values.GroupBy(m => m.How).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"));

    private static async Task<List<Member>> MembersAsync(Setup s, string name, int humans, int bots = Bots)
    {
        var members = new List<Member>();
        var botTokens = Enumerable.Range(0, bots).Select(b => TokenIssuer.Issue(s.Tokens.Settings, OmnichannelRoles.ChannelApp, Tokens.Tenant, $"bench-{name}-bot-{b}", TimeSpan.FromHours(2))).ToArray();
        var specs = Enumerable.Range(0, humans).Select(i => (Bot: false, Token: TokenIssuer.Issue(s.Tokens.Settings, OmnichannelRoles.ChannelApp, Tokens.Tenant, $"bench-{name}-{i}", TimeSpan.FromHours(2)), Arrival: i * HumanSpacingMs))
            .Concat(Enumerable.Range(0, bots * IdentitiesPerBot).Select(j => (Bot: true, Token: botTokens[j / IdentitiesPerBot], Arrival: 0.0))).ToList();
        var citizens = new Guid[specs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, specs.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var response = await s.Http.SendAsync(s.Request(HttpMethod.Post, "/api/citizens", specs[i].Token, new { preferredLanguage = "ca", channel = "online" }), ct);
            response.EnsureSuccessStatusCode();
            citizens[i] = (await response.Content.ReadFromJsonAsync<Program.Registered>(ct))!.CitizenId;
        });
        for (var i = 0; i < specs.Count; i++) members.Add(new Member(i, specs[i].Bot, specs[i].Token, citizens[i], specs[i].Arrival));
        return members;
    }

    private static async Task<JsonElement> OpenRoomAsync(Setup s, DateOnly day) =>
        await ReadAsync(s, HttpMethod.Put, $"/api/appointments/waiting-rooms/{s.Procedure}", s.Staff,
            new { opensAt = DateTimeOffset.UtcNow, firstDay = day, lastDay = day, officeId = s.Office });

    private static async Task<JsonElement> ReadAsync(Setup s, HttpMethod method, string uri, string token, object? body = null)
    {
        var response = await s.Http.SendAsync(s.Request(method, uri, token, body));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Starts every member at its arrival instant and times it from there to its definitive answer.</summary>
    private static async Task<Outcome> RunAsync(IReadOnlyList<Member> members, Func<Member, Outcome, Task<(bool Booked, string How)>> client)
    {
        var outcome = new Outcome();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(members.Select(m => Task.Run(async () =>
        {
            var wait = m.ArrivalMs - wall.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var arrived = wall.Elapsed;
            var (booked, how) = await client(m, outcome);
            outcome.Members[m.Index] = (booked, (wall.Elapsed - arrived).TotalMilliseconds, how, arrived.TotalMilliseconds);
        })));
        outcome.Wall = wall.Elapsed;
        return outcome;
    }

    private static async Task<HttpResponseMessage> SendAsync(Setup s, Outcome o, HttpRequestMessage request)
    {
        var kind = Kind(request.RequestUri!);
        var sent = Stopwatch.StartNew();
        var response = await s.Http.SendAsync(request);
        o.Statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        o.ByKind.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
        o.KindMs.GetOrAdd(kind, _ => []).Add(sent.Elapsed.TotalMilliseconds);
        return response;
    }

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string? queueToken)
    {
        if (queueToken is not null) request.Headers.Add("Waiting-Room-Token", queueToken);
        return request;
    }

    /// <summary>Today's client behind admission control: search, book a random free slot, on 429 wait Retry-After plus
    /// a random second, on 409 search again; until booked or nothing is left.</summary>
    private static Task<Outcome> RunControlAsync(Setup s, IReadOnlyList<Member> members, DateOnly day) => RunAsync(members, async (m, o) =>
    {
        async Task<HttpResponseMessage> Call(Func<HttpRequestMessage> request)
        {
            while (true)
            {
                var response = await SendAsync(s, o, request());
                if (response.StatusCode != HttpStatusCode.TooManyRequests) return response;
                await Task.Delay((response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
            }
        }
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var first = Stopwatch.StartNew();
            var search = await Call(() => s.Request(HttpMethod.Get, $"/api/appointments/slots?procedureCode={s.Procedure}&officeId={s.Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", m.Token, null));
            if (attempt == 0) o.FirstCalls.Add(first.Elapsed.TotalMilliseconds);
            if (!search.IsSuccessStatusCode) continue;
            var found = await search.Content.ReadFromJsonAsync<Program.Found>();
            if (found is null || found.Slots.Count == 0) return (false, "none-left");
            var slot = found.Slots[Random.Shared.Next(found.Slots.Count)];
            var response = await Call(() => s.Request(HttpMethod.Post, $"/api/appointments/citizens/{m.Citizen}/bookings", m.Token,
                new { officeId = s.Office, procedureCode = s.Procedure, startsAt = slot.StartsAt, channel = "online" }));
            if (response.StatusCode == HttpStatusCode.Created) return (true, "booked");
        }
        return (false, "gave-up");
    });

    /// <summary>The waiting room's client: join (itself a long poll: answered once the place is decided), wait on the turn
    /// (long poll) while still waiting, once admitted book one of the times the turn offers with the token.</summary>
    private static Task<Outcome> RunRoomAsync(Setup s, IReadOnlyList<Member> members, DateOnly day) => RunAsync(members, async (m, o) =>
    {
        string? token = null;
        JsonElement turn;
        var since = Stopwatch.StartNew();
        while (true)
        {
            var first = Stopwatch.StartNew();
            var joined = await SendAsync(s, o, s.Request(HttpMethod.Post, $"/api/appointments/waiting-rooms/{s.Procedure}/entries?wait=20", m.Token, new { citizenId = m.Citizen }));
            o.FirstCalls.Add(first.Elapsed.TotalMilliseconds);
            // A join the gateway gave up on (504) is asked again, as a browser would: the same place is answered again.
            if (joined.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                await Task.Delay(joined.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            if (joined.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = await joined.Content.ReadFromJsonAsync<JsonElement>();
                return (false, problem.GetProperty("reason").GetString()!);
            }
            if (!joined.IsSuccessStatusCode) throw new InvalidOperationException($"join answered {(int)joined.StatusCode}: {await joined.Content.ReadAsStringAsync()}");
            turn = await joined.Content.ReadFromJsonAsync<JsonElement>();
            o.Joined[m.Index] = since.Elapsed.TotalMilliseconds;
            break;
        }
        for (var step = 0; step < 500; step++)
        {
            var state = turn.GetProperty("state").GetString();
            if (turn.GetProperty("token").ValueKind == JsonValueKind.String) token = turn.GetProperty("token").GetString();
            switch (state)
            {
                case "booked": return (true, "booked");
                case "admitted":
                    o.AdmittedSeen.TryAdd(m.Index, since.Elapsed.TotalMilliseconds);
                    // The turn offers free times, a different one first for each admitted client: book straight away.
                    if (turn.TryGetProperty("slots", out var offered) && offered.ValueKind == JsonValueKind.Array)
                        foreach (var slot in offered.EnumerateArray().Take(3))
                        {
                            var direct = await SendAsync(s, o, WithToken(s.Request(HttpMethod.Post, $"/api/appointments/citizens/{m.Citizen}/bookings", m.Token,
                                new { officeId = slot.GetProperty("officeId").GetString(), procedureCode = s.Procedure, startsAt = slot.GetProperty("startsAt").GetDateTimeOffset(), channel = "online" }), token));
                            if (direct.StatusCode == HttpStatusCode.Created) return (true, "booked");
                            // Too many tries for this citizen (the gateway's per-citizen booking limit): wait as told, as a browser would.
                            if (direct.StatusCode == HttpStatusCode.TooManyRequests) await Task.Delay(direct.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                            if (direct.StatusCode != HttpStatusCode.Conflict) break;
                        }
                    var search = await SendAsync(s, o, WithToken(s.Request(HttpMethod.Get, $"/api/appointments/slots?procedureCode={s.Procedure}&officeId={s.Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", m.Token, null), token));
                    if (search.IsSuccessStatusCode)
                    {
                        var found = await search.Content.ReadFromJsonAsync<Program.Found>();
                        if (found is { Slots.Count: > 0 })
                        {
                            var slot = found.Slots[Random.Shared.Next(found.Slots.Count)];
                            var booking = await SendAsync(s, o, WithToken(s.Request(HttpMethod.Post, $"/api/appointments/citizens/{m.Citizen}/bookings", m.Token,
                                new { officeId = s.Office, procedureCode = s.Procedure, startsAt = slot.StartsAt, channel = "online" }), token));
                            if (booking.StatusCode == HttpStatusCode.Created) return (true, "booked");
                            if (booking.StatusCode == HttpStatusCode.TooManyRequests) await Task.Delay(booking.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                        }
                    }
                    turn = await ReadTurnAsync(s, o, m, token, wait: 0);
                    break;
                case "waiting":
                    turn = await ReadTurnAsync(s, o, m, token, wait: 20);
                    break;
                default:
                    return (false, state!);
            }
        }
        return (false, "gave-up");
    });

    private static async Task<JsonElement> ReadTurnAsync(Setup s, Outcome o, Member m, string? token, int wait)
    {
        while (true)
        {
            var response = await SendAsync(s, o, WithToken(s.Request(HttpMethod.Get, $"/api/appointments/waiting-rooms/{s.Procedure}/turn?wait={wait}", m.Token, null), token));
            // A long poll the gateway gave up on (504: its 30 s against a 20 s wait on a starved machine) is asked again,
            // as a browser would; it is counted in the answers.
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"turn answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    /// <summary>Where a booked client's time went: on the client's clock (join answered, admission first seen, booked) and
    /// in the room's table (the gateway's stamp to the step that admitted it, admitted to booked).</summary>
    private static async Task PhasesAsync(Setup s, Outcome o)
    {
        static string P(IEnumerable<double> values)
        {
            var v = values.OrderBy(x => x).ToArray();
            return v.Length == 0 ? "-" : $"{Measure.Percentile(v, 50) / 1000:F2} / {Measure.Percentile(v, 99) / 1000:F2} s (n {v.Length})";
        }
        var booked = o.Members.Where(x => x.Value.Booked).Select(x => x.Key).ToList();
        Console.WriteLine("booked clients, p50 / p99 from their first request (client's clock):");
        Console.WriteLine($"  join answered         {P(booked.Where(o.Joined.ContainsKey).Select(i => o.Joined[i]))}");
        Console.WriteLine($"  admission first seen  {P(booked.Where(o.AdmittedSeen.ContainsKey).Select(i => o.AdmittedSeen[i]))}");
        Console.WriteLine($"  booked                {P(booked.Select(i => o.Members[i].AnswerMs))}");
        Console.WriteLine($"  seen → booked         {P(booked.Where(o.AdmittedSeen.ContainsKey).Select(i => o.Members[i].AnswerMs - o.AdmittedSeen[i]))}");
        var schema = s.Appointments.GetRequiredService<IDocumentStore>().Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(s.Appointments.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select extract(epoch from x.admitted_at - x.arrived_at) * 1000, extract(epoch from x.booked_at - x.admitted_at) * 1000,
                   extract(epoch from x.booked_at - x.first) * 1000
              from (select e.*, min(e.arrived_at) over () as first
                      from {schema}.waiting_room_entries e join {schema}.waiting_rooms r
                        on r.tenant_id = e.tenant_id and r.procedure_code = e.procedure_code and r.revision = e.revision
                     where e.tenant_id = $1 and e.procedure_code = $2) x
             where x.state = 'booked'
            """, connection);
        command.Parameters.Add(new() { Value = Tokens.Tenant });
        command.Parameters.Add(new() { Value = s.Procedure });
        var (admitted, toBook, sinceFirst) = (new List<double>(), new List<double>(), new List<double>());
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                admitted.Add((double)reader.GetDecimal(0));
                toBook.Add((double)reader.GetDecimal(1));
                sinceFirst.Add((double)reader.GetDecimal(2));
            }
        Console.WriteLine("booked places, p50 / p99 (room's table, service clock):");
        Console.WriteLine($"  gateway stamp → admitted   {P(admitted)}");
        Console.WriteLine($"  admitted → booked          {P(toBook)}");
        Console.WriteLine($"  first arrival → booked     {P(sinceFirst)}");
    }

    /// <summary>The appointments service's timings of the room run's joins (gateway to handler, waiting for the batch, the
    /// batch's statement, waiting for the decision, slots, the whole handler by answer) and the joins per batch.</summary>
    private sealed class JoinPhases : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener listener = new();
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> values = new();
        private volatile bool stopped;

        public JoinPhases()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Omnichannel.Appointments.WaitingRoom.WaitingRoomTimings.MeterName) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                if (stopped) return;
                foreach (var tag in tags)
                    if (tag.Key == "phase") values.GetOrAdd(tag.Value as string ?? "?", _ => []).Add(value);
            });
            listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
            {
                if (!stopped) values.GetOrAdd("joins per batch", _ => []).Add(value);
            });
            listener.Start();
        }

        public void Stop() => stopped = true;

        public IEnumerable<string> Lines() => values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v =>
        {
            var sorted = v.Value.Order().ToArray();
            return $"{v.Key,-26}{Measure.Percentile(sorted, 50),8:0.0} / {Measure.Percentile(sorted, 99),8:0.0}  (n {sorted.Length}, max {sorted[^1]:0.0})";
        });

        public void Dispose() => listener.Dispose();
    }

    /// <summary>Samples pg_stat_activity every 50 ms until cancelled: the active backends by wait event and statement.</summary>
    private static async Task<(int Samples, Dictionary<string, int> Busy)> SampleActivityAsync(Setup s, CancellationToken ct)
    {
        var busy = new Dictionary<string, int>();
        var samples = 0;
        await using var connection = new NpgsqlConnection(s.Appointments.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));
        await connection.OpenAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using (var command = new NpgsqlCommand("""
                    select coalesce(a.wait_event_type || ':' || a.wait_event, 'cpu') || ' · ' || left(regexp_replace(a.query, '\s+', ' ', 'g'), 70)
                           -- (a lock wait names what the first backend it waits for is running: who holds the row)
                           || coalesce(' ⟵ ' || (select left(regexp_replace(b.query, '\s+', ' ', 'g'), 50) from pg_stat_activity b
                                                 where a.wait_event_type = 'Lock' and b.pid = (pg_blocking_pids(a.pid))[1] limit 1), '')
                      from pg_stat_activity a where a.state = 'active' and a.pid <> pg_backend_pid() and a.backend_type = 'client backend'
                    """, connection))
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct))
                    {
                        var what = reader.GetString(0);
                        busy[what] = busy.GetValueOrDefault(what) + 1;
                    }
                samples++;
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return (samples, busy);
    }

    private sealed record Figures(int Booked, int Views, int Double, double P50, double P99, double HumanP99, double Fairness, double FairnessBySend, int Reordered, int BotPlaces);

    /// <summary>The room's own order of the last window: each citizen's place by (gateway arrival stamp, arrival number),
    /// read from the table the room admits from.</summary>
    private static async Task<Dictionary<Guid, int>> ServerOrderAsync(Setup s)
    {
        var schema = s.Appointments.GetRequiredService<IDocumentStore>().Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(s.Appointments.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select e.citizen_id from {schema}.waiting_room_entries e join {schema}.waiting_rooms r
              on r.tenant_id = e.tenant_id and r.procedure_code = e.procedure_code and r.revision = e.revision
             where e.tenant_id = $1 and e.procedure_code = $2 order by e.arrived_at, e.arrival
            """, connection);
        command.Parameters.Add(new() { Value = Tokens.Tenant });
        command.Parameters.Add(new() { Value = s.Procedure });
        var order = new Dictionary<Guid, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) order[reader.GetGuid(0)] = order.Count;
        return order;
    }

    private static async Task<Figures> ReportAsync(Setup s, IReadOnlyList<Member> members, Outcome o, DateOnly day, Dictionary<Guid, int>? serverOrder = null)
    {
        await using var session = s.Appointments.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        var occupancy = await session.Query<SlotOccupancy>().Where(x => x.OfficeId == s.Office).ToListAsync();
        var desks = s.Places / 20;
        var overfull = occupancy.Sum(x => Math.Max(0, x.Occupants.Count - desks));
        var views = (await session.Query<AppointmentView>().Where(a => a.OfficeId == s.Office && a.Status == AppointmentStatus.Booked).ToListAsync())
            .Where(a => DateOnly.FromDateTime(a.StartsAt.UtcDateTime) == day).ToList();
        var twice = views.GroupBy(v => v.CitizenId).Count(g => g.Count() > 1);
        var all = o.Members.Values.Select(v => v.AnswerMs).OrderBy(x => x).ToArray();
        var humans = members.Where(m => !m.Bot).Select(m => o.Members[m.Index].AnswerMs).OrderBy(x => x).ToArray();
        // The first arrivals by when each really sent its first request (not by the schedule): the order the council's door saw.
        var firstHumans = members.Where(m => !m.Bot).OrderBy(m => o.Members[m.Index].ArrivedMs).ThenBy(m => m.Index).Take(s.Places).ToList();
        // The same by the order the room kept (the gateway's stamp): a human that never got a place in it (a 429 at the
        // join, say) counts as arriving last.
        var firstInRoom = serverOrder is null ? [] : members.Where(m => !m.Bot)
            .OrderBy(m => serverOrder.TryGetValue(m.Citizen, out var place) ? place : int.MaxValue).ThenBy(m => m.Index).Take(s.Places).ToList();
        var bookedCitizens = views.Select(v => v.CitizenId).ToHashSet();
        double Share(List<Member> first) => first.Count == 0 ? double.NaN : first.Count(m => o.Members[m.Index].Booked) / (double)first.Count;
        return new Figures(o.Members.Values.Count(v => v.Booked), views.Count, overfull + twice + Math.Max(0, views.Count - s.Places),
            Measure.Percentile(all, 50), Measure.Percentile(all, 99), Measure.Percentile(humans, 99),
            Share(firstInRoom), Share(firstHumans), firstInRoom.Count == 0 ? 0 : firstHumans.Except(firstInRoom).Count(),
            members.Count(m => m.Bot && bookedCitizens.Contains(m.Citizen)));
    }
}
