using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks.Appointments;

/// <summary>
/// Flash crowd: N clients (each with its own token and its own citizen) through the gateway compete for the 200
/// places of one procedure on one day at one office (20 slots × 10 desks). Each client finds slots, books a random
/// free one, and on "taken" looks again, until it has one or none is left. Prints the booked count (must equal the
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
        var clients = args.Length > 0 ? int.Parse(args[0]) : 2000;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["DemoData:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Critical",
        };
        // 09:00–15:40 every day: 20 slots of 20 minutes.
        foreach (var weekday in Enum.GetNames<DayOfWeek>()) common[$"BusinessCalendar:Calendars:bench:{weekday}:0"] = "09:00-15:40";
        common["BusinessCalendar:UseCatalanHolidays"] = "false";

        await using var procedures = new ServiceHost<Omnichannel.Procedures.Program>(common, withGrpc: true);
        await using var citizens = new ServiceHost<Omnichannel.Citizens.Program>(common, withGrpc: true);
        await using var appointments = new ServiceHost<Omnichannel.Appointments.Program>(common, withGrpc: true);
        foreach (var (k, v) in new[] { ("Services:Procedures:Grpc", procedures.GrpcAddress!.ToString()), ("Services:Citizens:Grpc", citizens.GrpcAddress!.ToString()) })
        {
            procedures.With(k, v); citizens.With(k, v); appointments.With(k, v);
        }
        await using var gateway = new ServiceHost<global::Program>(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = tokens.Settings.SigningKey,
            ["ReverseProxy:Clusters:procedures:Destinations:primary:Address"] = procedures.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:citizens:Destinations:primary:Address"] = citizens.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:appointments:Destinations:primary:Address"] = appointments.HttpAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Critical",
        }, withGrpc: false);
        procedures.Start(); citizens.Start(); appointments.Start(); gateway.Start();

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
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

        Console.WriteLine($"Registering {clients} citizens…");
        var clientTokens = Enumerable.Range(0, clients).Select(i => TokenIssuer.Issue(tokens.Settings, OmnichannelRoles.ChannelApp, Tokens.Tenant, $"bench-client-{i}", TimeSpan.FromHours(1))).ToArray();
        var citizenIds = new Guid[clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var response = await http.SendAsync(Request(HttpMethod.Post, "/api/citizens", clientTokens[i], new { preferredLanguage = "ca", channel = "online" }), ct);
            response.EnsureSuccessStatusCode();
            citizenIds[i] = (await response.Content.ReadFromJsonAsync<Registered>(ct))!.CitizenId;
        });

        Console.WriteLine($"Flash crowd: {clients} clients for {20 * Desks} places on {day:yyyy-MM-dd}…");
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var booked = 0;
        var searchFailures = new ConcurrentDictionary<HttpStatusCode, int>();
        var start = new TaskCompletionSource();
        var wall = Stopwatch.StartNew();
        var crowd = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            await start.Task;
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var search = await http.SendAsync(Request(HttpMethod.Get, $"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", clientTokens[i]));
                if (!search.IsSuccessStatusCode)
                {
                    searchFailures.AddOrUpdate(search.StatusCode, 1, (_, n) => n + 1);
                    continue;
                }
                var found = await search.Content.ReadFromJsonAsync<Found>();
                if (found is null || found.Slots.Count == 0) return;
                var slot = found.Slots[Random.Shared.Next(found.Slots.Count)];
                var watch = Stopwatch.StartNew();
                var response = await http.SendAsync(Request(HttpMethod.Post, $"/api/appointments/citizens/{citizenIds[i]}/bookings", clientTokens[i],
                    new { officeId = Office, procedureCode = Procedure, startsAt = slot.StartsAt, channel = "online" }));
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created) { Interlocked.Increment(ref booked); return; }
                if ((int)response.StatusCode >= 500) continue; // counted in the status table; the client tries again
                if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests))
                    throw new InvalidOperationException($"booking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                if (response.StatusCode == HttpStatusCode.TooManyRequests) await Task.Delay(200);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(crowd);
        wall.Stop();

        await using var session = appointments.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        var occupancy = await session.Query<SlotOccupancy>().Where(s => s.OfficeId == Office).ToListAsync();
        var overfull = occupancy.Sum(s => Math.Max(0, s.Occupants.Count - Desks));
        var views = await session.Query<AppointmentView>().Where(a => a.OfficeId == Office && a.Status == AppointmentStatus.Booked).ToListAsync();
        var perCitizenTwice = views.GroupBy(v => v.CitizenId).Count(g => g.Count() > 1);
        var doubleBookings = overfull + perCitizenTwice + Math.Max(0, views.Count - 20 * Desks);

        var sorted = latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine();
        Console.WriteLine($"booked:            {booked} (read model: {views.Count}; places: {20 * Desks})");
        Console.WriteLine($"double bookings:   {doubleBookings} (over-capacity places {overfull}, citizens booked twice {perCitizenTwice})");
        Console.WriteLine($"booking calls:     {sorted.Length} ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"))})");
        Console.WriteLine($"failed searches:   {(searchFailures.IsEmpty ? "none" : string.Join(", ", searchFailures.Select(s => $"{(int)s.Key}: {s.Value}")))}");
        Console.WriteLine($"wall time:         {wall.Elapsed.TotalSeconds:F1} s; throughput {sorted.Length / wall.Elapsed.TotalSeconds:F0} booking calls/s, {booked / wall.Elapsed.TotalSeconds:F0} bookings/s");
        Console.WriteLine($"booking latency:   p50 {P(0.50):F0} ms, p99 {P(0.99):F0} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):F0} ms (goal p99 <= 250 ms)");

        // The plain append rate of the same store, for comparison: single-event sessions, 8 writers, 5 seconds.
        var store = appointments.Services.GetRequiredService<IDocumentStore>();
        var appended = 0;
        var until = DateTime.UtcNow.AddSeconds(5);
        var appendWatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                await using var s = store.LightweightSession(Tokens.Tenant);
                s.Events.StartStream($"bench:{Guid.NewGuid():N}", new AgendaEntryRemoved(Guid.NewGuid()));
                await s.SaveChangesAsync();
                Interlocked.Increment(ref appended);
            }
        })));
        Console.WriteLine($"plain appends:     {appended / appendWatch.Elapsed.TotalSeconds:F0} events/s (single-event sessions, 8 writers, same store)");
        return booked == 20 * Desks && doubleBookings == 0 ? 0 : 1;
    }

    private sealed record Registered(Guid CitizenId);
    private sealed record FoundSlot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
    private sealed record Found(List<FoundSlot> Slots);
}
