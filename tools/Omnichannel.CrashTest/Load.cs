using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.CrashTest;

/// <summary>What the load saw, per kind of request: answers by status class, and the references of what was accepted.</summary>
public sealed class LoadTally
{
    public ConcurrentDictionary<string, int> Statuses { get; } = new(); // "case 201", "booking 503", "slots unreachable", …
    public ConcurrentBag<string> AcceptedCases { get; } = [];          // tracking codes
    public ConcurrentBag<string> AcceptedBookings { get; } = [];       // appointment codes

    public void Count(string what, HttpStatusCode? status) =>
        Statuses.AddOrUpdate($"{what} {(status is { } s ? ((int)s).ToString() : "unreachable")}", 1, (_, n) => n + 1);

    public int With(Func<int, bool> status) => Statuses.Where(s => int.TryParse(s.Key.Split(' ')[1], out var code) && status(code)).Sum(s => s.Value);
    public int Unreachable => Statuses.Where(s => s.Key.EndsWith(" unreachable")).Sum(s => s.Value);
    public int Total => Statuses.Values.Sum();
}

/// <summary>
/// A steady, bounded load straight at the services (as a channel app: no gateway, so a killed service shows as refused
/// connections, not as the gateway's 502): case submissions (procedures → CaseSubmitted → the citizen's history) and
/// bookings at the demo central office (appointments → AppointmentBooked → the history), paced to a total rate.
/// </summary>
public sealed class Load(IReadOnlyDictionary<string, ServiceProcess> services, string token, double requestsPerSecond, int workers)
{
    private const string Office = "connecta-space";            // appointments' demo office
    private const string BookedProcedure = "census-registration"; // served there, 20-minute slots
    private const string CaseProcedure = "census-certificate";

    public LoadTally Tally { get; } = new();
    private readonly List<Guid> citizens = [];
    private readonly ConcurrentQueue<Guid> notYetBooked = new(); // a citizen has one appointment per procedure

    private HttpClient Client(string service)
    {
        var client = new HttpClient { BaseAddress = services[service].HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The citizens the load submits and books for, registered before any kill.</summary>
    public async Task RegisterCitizensAsync(int count)
    {
        using var client = Client("citizens");
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "kiosk" });
            response.EnsureSuccessStatusCode();
            citizens.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid());
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(workers / requestsPerSecond);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            using var procedures = Client("procedures");
            using var appointments = Client("appointments");
            using var citizensApi = Client("citizens");
            var random = new Random(w);
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var citizen = citizens[random.Next(citizens.Count)];
                    if (random.NextDouble() < 0.6) await SubmitCaseAsync(procedures, citizen);
                    else await BookAsync(appointments, citizensApi, random);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }, CancellationToken.None)));
    }

    private async Task SubmitCaseAsync(HttpClient procedures, Guid citizen)
    {
        var response = await SendAsync("case", () => procedures.PostAsJsonAsync("/api/procedures/cases", new { citizenId = citizen, procedureCode = CaseProcedure, channel = "kiosk" }));
        if (response is { StatusCode: HttpStatusCode.Created })
            Tally.AcceptedCases.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
    }

    /// <summary>A citizen never booked yet (registered now when none is left) books a random free slot.</summary>
    private async Task BookAsync(HttpClient appointments, HttpClient citizensApi, Random random)
    {
        if (!notYetBooked.TryDequeue(out var citizen))
        {
            var registered = await SendAsync("citizen", () => citizensApi.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "es", channel = "online" }));
            if (registered is not { StatusCode: HttpStatusCode.Created }) return;
            citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        }
        // A random day 3–55 days ahead (inside the booking horizon); a random free slot of it.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(random.Next(3, 56));
        var found = await SendAsync("slots", () => appointments.GetAsync($"/api/appointments/slots?procedureCode={BookedProcedure}&officeId={Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"));
        var free = found is { StatusCode: HttpStatusCode.OK }
            ? (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").EnumerateArray()
                .Where(s => s.GetProperty("free").GetInt32() > 0).Select(s => s.GetProperty("startsAt").GetDateTimeOffset()).ToList()
            : [];
        var response = free.Count == 0 ? null : await SendAsync("booking", () => appointments.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = Office, procedureCode = BookedProcedure, startsAt = free[random.Next(free.Count)], channel = "online" }));
        if (response is { StatusCode: HttpStatusCode.Created })
            Tally.AcceptedBookings.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        else
            notYetBooked.Enqueue(citizen);
    }

    private async Task<HttpResponseMessage?> SendAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            var response = await send();
            Tally.Count(what, response.StatusCode);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Tally.Count(what, null); // refused or timed out: the service is down
            return null;
        }
    }
}
