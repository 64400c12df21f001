using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.Benchmarks;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks.Appointments;

/// <summary>
/// Flash crowd: N clients (each with its own token and its own citizen) through the gateway compete for the 200
/// places of one procedure on one day at one office (20 slots × 10 desks). Each client finds slots, books a random
/// free one, on "taken" looks again and on "not admitted" (429) waits Retry-After, until it has one or none is left;
/// warm-up crowds on other days run first, until the runtime has stopped recompiling. Prints the booked count (must equal the
/// places), double bookings (must be 0, counted from the slot streams' read model and the appointments), throughput,
/// p50/p99 of the booking calls, and the plain event-append rate of the same store in the same run.
///   dotnet run -c Release --project tools/Omnichannel.Benchmarks.Appointments -- [clients=2000]
/// </summary>
public static class Program
{
    private const string Procedure = "census-registration"; // 20-minute slots in the demo catalogue
    private const string Office = "bench-office";
    private const int Desks = 10;

    public static async Task<int> Main(string[] args)
    {
        // --fair-only: only the fair-booking part (issue 12), which has its own admission-control run of the same crowd.
        var fairOnly = args.Contains("--fair-only");
        args = args.Where(a => a != "--fair-only").ToArray();
        var clients = args.Length > 0 ? int.Parse(args[0]) : 2000;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["DemoData:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Critical",
            // A 500 says why (the bench prints the exception of an answer it cannot use).
            ["Logging:LogLevel:Omnichannel"] = "Error",
        };
        // 09:00–15:40 every day: 20 slots of 20 minutes.
        foreach (var weekday in Enum.GetNames<DayOfWeek>()) common[$"BusinessCalendar:Calendars:bench:{weekday}:0"] = "09:00-15:40";
        common["BusinessCalendar:UseCatalanHolidays"] = "false";

        await using var procedures = new ServiceHost<Omnichannel.Procedures.Program>(common, withGrpc: true);
        await using var citizens = new ServiceHost<Omnichannel.Citizens.Program>(common, withGrpc: true);
        // Appointments__Daemon__<key> in the environment sets the appointments host's Daemon:<key> only (an A/B of its
        // daemon's settings, e.g. WakeOnAppend, without changing the other hosts': Daemon__<key> would reach them all).
        var appointmentsSettings = new Dictionary<string, string?>(common);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            if (variable.Key is string key && key.StartsWith("Appointments__Daemon__", StringComparison.Ordinal))
            {
                appointmentsSettings["Daemon:" + key["Appointments__Daemon__".Length..].Replace("__", ":")] = variable.Value as string;
                Console.WriteLine($"appointments host: Daemon:{key["Appointments__Daemon__".Length..].Replace("__", ":")} = {variable.Value}");
            }
        await using var appointments = new ServiceHost<Omnichannel.Appointments.Program>(appointmentsSettings, withGrpc: true);
        // Wired as the AppHost wires the local run (the benchmark needs no queues service).
        var hosts = new Dictionary<string, IServiceHost> { ["procedures"] = procedures, ["citizens"] = citizens, ["appointments"] = appointments };
        PlatformWiring.IntroduceNeighbours(hosts);
        var gatewaySettings = PlatformWiring.GatewaySettings(hosts);
        gatewaySettings["Auth:SigningKey"] = tokens.Settings.SigningKey;
        gatewaySettings["Logging:LogLevel:Default"] = "Critical";
        await using var gateway = new ServiceHost<global::Program>(gatewaySettings, withGrpc: false);
        procedures.Start(); citizens.Start(); appointments.Start(); gateway.Start();

        // No cap on connections: each of the crowd's clients is a browser or app with a connection of its own. A shared pool
        // of a few hundred would make most of the crowd wait in this process for a connection, and count it as latency.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(handler) { BaseAddress = gateway.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
        HttpRequestMessage Request(HttpMethod method, string uri, string token, object? body = null)
        {
            var r = new HttpRequestMessage(method, uri);
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null) r.Content = JsonContent.Create(body);
            return r;
        }

        var staff = tokens.Staff();
        (await http.SendAsync(Request(HttpMethod.Post, "/api/appointments/offices", staff, new
        {
            officeId = Office, name = new { ca = "Oficina de prova", es = "Oficina de prueba", en = "Bench office" }, address = "Mataró", calendar = "bench", desks = Desks,
        }))).EnsureSuccessStatusCode();
        (await http.SendAsync(Request(HttpMethod.Put, $"/api/appointments/offices/{Office}/procedures/{Procedure}", staff, new { desks = Desks }))).EnsureSuccessStatusCode();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);

        // The crowd, and beside it a smaller warm-up crowd on another day: a service in production has run its code
        // paths many times (the JIT has optimised them); a freshly started one has not, which would measure the JIT.
        const int warmUpRounds = 3;
        var warmUpClients = Math.Min(400, clients);
        var registered = fairOnly ? 0 : clients + warmUpRounds * warmUpClients;
        Console.WriteLine($"Registering {clients} + {warmUpRounds} × {warmUpClients} citizens…");
        var clientTokens = Enumerable.Range(0, registered).Select(i => TokenIssuer.Issue(tokens.Settings, OmnichannelRoles.ChannelApp, Tokens.Tenant, $"bench-client-{i}", TimeSpan.FromHours(1))).ToArray();
        var citizenIds = new Guid[registered];
        await Parallel.ForEachAsync(Enumerable.Range(0, registered), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var response = await http.SendAsync(Request(HttpMethod.Post, "/api/citizens", clientTokens[i], new { preferredLanguage = "ca", channel = "online" }), ct);
            response.EnsureSuccessStatusCode();
            citizenIds[i] = (await response.Content.ReadFromJsonAsync<Registered>(ct))!.CitizenId;
        });

        if (fairOnly)
            return await FairBooking.RunAsync(new FairBooking.Setup(http, tokens, appointments.Services, staff, Office, Procedure, 20 * Desks, clients, Request), day) ? 0 : 1;

        // One client alone first, on another day: what a search and a booking cost when nobody competes.
        var quietSearches = new List<double>();
        var quietBookings = new List<double>();
        var quietDay = day.AddDays(1);
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            var found = await (await http.SendAsync(Request(HttpMethod.Get, $"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={quietDay:yyyy-MM-dd}&to={quietDay:yyyy-MM-dd}", clientTokens[i]))).Content.ReadFromJsonAsync<Found>();
            quietSearches.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var response = await http.SendAsync(Request(HttpMethod.Post, $"/api/appointments/citizens/{citizenIds[i]}/bookings", clientTokens[i],
                new { officeId = Office, procedureCode = Procedure, startsAt = found!.Slots[0].StartsAt, channel = "online" }));
            quietBookings.Add(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"quiet booking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var appointment = (await response.Content.ReadFromJsonAsync<Booked>())!;
            (await http.SendAsync(Request(HttpMethod.Post, $"/api/appointments/{appointment.AppointmentId}/cancellation", clientTokens[i], new { reason = "bench" }))).EnsureSuccessStatusCode();
        }

        // Each client does what a booking page does: find the day's free slots, take one at random; when the gateway
        // says "many citizens right now" (429), wait what Retry-After says plus a random second and try the same again;
        // when the slot was taken meanwhile (409), look again; stop with a booking or when nothing is left.
        async Task<Crowd> RunCrowd(IReadOnlyList<int> members, DateOnly crowdDay)
        {
            var crowd = new Crowd();
            var start = new TaskCompletionSource();
            var wall = Stopwatch.StartNew();
            var tasks = members.Select(i => Task.Run(async () =>
            {
                await start.Task;
                var mine = Stopwatch.StartNew();
                async Task<HttpResponseMessage> Call(Func<HttpRequestMessage> request, ConcurrentBag<double> all, ConcurrentBag<double> admitted)
                {
                    while (true)
                    {
                        var watch = Stopwatch.StartNew();
                        var response = await http.SendAsync(request());
                        all.Add(watch.Elapsed.TotalMilliseconds);
                        if (watch.Elapsed.TotalMilliseconds > 250) crowd.SlowCallsSentAt.Add((wall.Elapsed - watch.Elapsed).TotalSeconds);
                        crowd.Statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                        if (response.StatusCode != HttpStatusCode.TooManyRequests)
                        {
                            admitted.Add(watch.Elapsed.TotalMilliseconds);
                            return response;
                        }
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                    }
                }
                for (var attempt = 0; attempt < 40; attempt++)
                {
                    var search = await Call(() => Request(HttpMethod.Get, $"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={crowdDay:yyyy-MM-dd}&to={crowdDay:yyyy-MM-dd}", clientTokens[i]),
                        crowd.SearchCalls, crowd.AdmittedSearches);
                    if (!search.IsSuccessStatusCode) throw new InvalidOperationException($"search answered {(int)search.StatusCode}: {await search.Content.ReadAsStringAsync()}");
                    var found = await search.Content.ReadFromJsonAsync<Found>();
                    if (found is null || found.Slots.Count == 0) break;
                    var slot = found.Slots[Random.Shared.Next(found.Slots.Count)];
                    var response = await Call(() => Request(HttpMethod.Post, $"/api/appointments/citizens/{citizenIds[i]}/bookings", clientTokens[i],
                        new { officeId = Office, procedureCode = Procedure, startsAt = slot.StartsAt, channel = "online" }), crowd.BookingCalls, crowd.AdmittedBookings);
                    if (response.StatusCode == HttpStatusCode.Created) { Interlocked.Increment(ref crowd.Booked); break; }
                    if ((int)response.StatusCode >= 500) continue; // counted in the status table; the client tries again
                    if (response.StatusCode != HttpStatusCode.Conflict)
                        throw new InvalidOperationException($"booking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                crowd.TimeToAnswer.Add(mine.Elapsed.TotalMilliseconds);
            })).ToList();
            start.SetResult();
            await Task.WhenAll(tasks);
            crowd.Wall = wall.Elapsed;
            return crowd;
        }

        // The warm-up crowds run until the runtime has stopped recompiling: tiered compilation optimises a method after it
        // has run a while, in the background, and a single warm-up left a third of the CPU of the crowd's first seconds
        // to that. A service that has been running has done it long ago. Each round has its own citizens and day.
        for (var round = 0; round < warmUpRounds; round++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await RunCrowd(Enumerable.Range(clients + round * warmUpClients, warmUpClients).ToList(), day.AddDays(2 + round));
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled;
            Console.WriteLine($"Warm-up crowd {round + 1}: {warmUpClients} clients on {day.AddDays(2 + round):yyyy-MM-dd}, {compiled} methods compiled meanwhile");
            if (compiled < 300) break;
        }
        var jitBefore = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount(), Time: System.Runtime.JitInfo.GetCompilationTime());
        Console.WriteLine($"Flash crowd: {clients} clients for {20 * Desks} places on {day:yyyy-MM-dd}…");
        var result = await RunCrowd(Enumerable.Range(0, clients).ToList(), day);
        var jitDuring = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Methods, Time: System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Time);
        var booked = result.Booked;

        await using var session = appointments.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        var occupancy = await session.Query<SlotOccupancy>().Where(s => s.OfficeId == Office).ToListAsync();
        var overfull = occupancy.Sum(s => Math.Max(0, s.Occupants.Count - Desks));
        var views = (await session.Query<AppointmentView>().Where(a => a.OfficeId == Office && a.Status == AppointmentStatus.Booked).ToListAsync())
            .Where(a => DateOnly.FromDateTime(a.StartsAt.UtcDateTime) == day).ToList(); // the crowd's day, not the warm-up's
        var perCitizenTwice = views.GroupBy(v => v.CitizenId).Count(g => g.Count() > 1);
        var doubleBookings = overfull + perCitizenTwice + Math.Max(0, views.Count - 20 * Desks);

        static string Summary(IEnumerable<double> values)
        {
            var v = values.OrderBy(x => x).ToArray();
            return v.Length == 0 ? "none" : $"p50 {Measure.Percentile(v, 50):F0} ms, p99 {Measure.Percentile(v, 99):F0} ms, max {v[^1]:F0} ms ({v.Length} calls)";
        }
        var bookingCalls = result.BookingCalls.OrderBy(x => x).ToArray();
        var wallSeconds = result.Wall.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"booked:                 {booked} (read model: {views.Count}; places: {20 * Desks})");
        Console.WriteLine($"double bookings:        {doubleBookings} (over-capacity places {overfull}, citizens booked twice {perCitizenTwice})");
        Console.WriteLine($"answers:                {string.Join(", ", result.Statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"))} (searches and bookings; 429 = not admitted, try again)");
        Console.WriteLine($"wall time:              {wallSeconds:F1} s; {bookingCalls.Length / wallSeconds:F0} booking calls/s, {(result.SearchCalls.Count + bookingCalls.Length) / wallSeconds:F0} calls/s in all, {booked / wallSeconds:F0} bookings/s");
        Console.WriteLine($"booking call latency:   {Summary(bookingCalls)} (goal p99 <= 250 ms)");
        Console.WriteLine($"  admitted (201/409):   {Summary(result.AdmittedBookings)}");
        Console.WriteLine($"search call latency:    {Summary(result.SearchCalls)}");
        Console.WriteLine($"  admitted (200):       {Summary(result.AdmittedSearches)}");
        Console.WriteLine($"client's time to answer: {Summary(result.TimeToAnswer).Replace("calls", "clients")} (first search to booked / nothing left, waits included)");
        Console.WriteLine($"calls over 250 ms:      {result.SlowCallsSentAt.Count} (searches and bookings){(result.SlowCallsSentAt.IsEmpty ? "" : $", sent {result.SlowCallsSentAt.Min():F1}–{result.SlowCallsSentAt.Max():F1} s into the crowd")}");
        Console.WriteLine($"JIT during the crowd:   {jitDuring.Methods} methods compiled, {jitDuring.Time.TotalMilliseconds:F0} ms");
        Console.WriteLine($"one client alone:       booking {Summary(quietBookings)}; search {Summary(quietSearches)}");

        // The plain append rate of the same store, for comparison: single-event sessions, 8 writers, 5 seconds.
        var store = appointments.Services.GetRequiredService<IDocumentStore>();
        var appends = await Measure.ForAsync(TimeSpan.FromSeconds(5), 8, async () =>
        {
            await using var s = store.LightweightSession(Tokens.Tenant);
            s.Events.StartStream($"bench:{Guid.NewGuid():N}", new AgendaEntryRemoved(Guid.NewGuid()));
            await s.SaveChangesAsync();
            return 1;
        });
        Console.WriteLine($"plain appends:     {appends.PerSecond:F0} events/s (single-event sessions, 8 writers, same store)");

        var fair = await FairBooking.RunAsync(new FairBooking.Setup(http, tokens, appointments.Services, staff, Office, Procedure, 20 * Desks, clients, Request), day);
        return booked == 20 * Desks && doubleBookings == 0 && fair ? 0 : 1;
    }

    internal sealed record Registered(Guid CitizenId);

    private sealed class Crowd
    {
        public int Booked;
        public TimeSpan Wall;
        public ConcurrentDictionary<HttpStatusCode, int> Statuses { get; } = new();
        public ConcurrentBag<double> BookingCalls { get; } = [];
        public ConcurrentBag<double> AdmittedBookings { get; } = [];
        public ConcurrentBag<double> SearchCalls { get; } = [];
        public ConcurrentBag<double> AdmittedSearches { get; } = [];
        public ConcurrentBag<double> TimeToAnswer { get; } = [];
        public ConcurrentBag<double> SlowCallsSentAt { get; } = [];
    }
    internal sealed record Booked(Guid AppointmentId);
    internal sealed record FoundSlot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
    internal sealed record Found(List<FoundSlot> Slots);
}
