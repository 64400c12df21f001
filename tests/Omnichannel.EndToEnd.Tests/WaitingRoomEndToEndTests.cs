using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The booking window's waiting room through the gateway, as a crowd's apps meet it: the order is the
/// gateways' arrival stamps kept in PostgreSQL, so replicas of the gateway and of appointments share one line.</summary>
[Collection(Collections.Slots)]
public sealed class WaitingRoomEndToEndTests(Platform platform)
{
    // A procedure no other test of this collection books, so its window gates nobody else's search.
    private const string Procedure = "urban-planning-info";
    private const string Office = "connecta-space";

    private sealed record Client(string Name, HttpClient Http, Guid CitizenId)
    {
        public string Token { get; set; } = "";
    }

    [Fact]
    public async Task Clients_arriving_in_turn_through_two_gateway_replicas_are_admitted_in_their_order_of_arrival()
    {
        // A second gateway replica in front of a second appointments replica: nothing is shared but the database.
        await using var appointments = platform.Appointments.Replica();
        appointments.Start();
        await using var gateway = platform.NewGateway(new Dictionary<string, IServiceHost> { ["appointments"] = appointments });
        gateway.Start();

        var day = await DayWithFreePlacesAsync();
        var opened = await platform.AsStaff().PutAsJsonAsync($"/api/appointments/waiting-rooms/{Procedure}", new
        {
            opensAt = DateTimeOffset.UtcNow.AddSeconds(-1), firstDay = day, lastDay = day, officeId = Office, admitAtOnce = 1, admissionSeconds = 120,
        });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        // Four apps arrive one after another, taking turns at the two gateways.
        var clients = new List<Client>();
        for (var i = 0; i < 4; i++)
        {
            var via = i % 2 == 0 ? platform.Gateway : gateway;
            var client = new Client(i % 2 == 0 ? "A" : "B", via.Client(platform.Tokens.ChannelApp(subject: $"crowd-app-{i}")), await platform.RegisterCitizenAsync());
            var joined = await client.Http.PostAsJsonAsync($"/api/appointments/waiting-rooms/{Procedure}/entries", new { citizenId = client.CitizenId });
            Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
            client.Token = (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            clients.Add(client);
        }

        // One admitted at a time: each one's booking lets in the next arrival, whichever gateway it came through.
        var admitted = await TurnAsync(clients[0], until: "admitted");
        for (var i = 1; i < clients.Count; i++)
        {
            foreach (var behind in clients.Skip(i)) Assert.Equal("waiting", State(await TurnAsync(behind)));
            var slot = admitted.GetProperty("slots")[0].GetProperty("startsAt").GetDateTimeOffset();
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[i - 1], slot)).StatusCode);
            Assert.Equal("booked", State(await TurnAsync(clients[i - 1])));
            admitted = await TurnAsync(clients[i], until: "admitted");
        }

        var room = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(3, room.GetProperty("booked").GetInt32());
        Assert.Equal(1, room.GetProperty("admitted").GetInt32());
    }

    /// <summary>A working day some weeks ahead with free places for the procedure (no window covers it yet).</summary>
    private async Task<DateOnly> DayWithFreePlacesAsync()
    {
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21);
        var found = await platform.AsChannelApp().GetFromJsonAsync<JsonElement>(
            $"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}");
        var first = found.GetProperty("slots").EnumerateArray().First(s => s.GetProperty("free").GetInt32() > 0);
        return DateOnly.Parse(first.GetProperty("startsAt").GetString()![..10]);
    }

    /// <summary>The client's turn through its own gateway; with <paramref name="until"/>, long polls until it is reached
    /// (a place settles for a second before it is let in).</summary>
    private static async Task<JsonElement> TurnAsync(Client client, string? until = null)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/waiting-rooms/{Procedure}/turn?wait={(until is null ? 0 : 20)}");
            request.Headers.Add("Waiting-Room-Token", client.Token);
            var response = await client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var turn = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (turn.GetProperty("token").ValueKind == JsonValueKind.String) client.Token = turn.GetProperty("token").GetString()!;
            if (until is null || State(turn) == until) return turn;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"client through gateway {client.Name} still {State(turn)}, not {until}");
        }
    }

    private static string State(JsonElement turn) => turn.GetProperty("state").GetString()!;

    private static Task<HttpResponseMessage> BookAsync(Client client, DateTimeOffset startsAt)
    {
        var book = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/citizens/{client.CitizenId}/bookings")
        {
            Content = JsonContent.Create(new { officeId = Office, procedureCode = Procedure, startsAt, channel = "online" }),
        };
        book.Headers.Add("Waiting-Room-Token", client.Token);
        return client.Http.SendAsync(book);
    }
}
