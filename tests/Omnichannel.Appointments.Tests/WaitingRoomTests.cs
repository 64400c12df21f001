using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.WaitingRoom;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>
/// The virtual waiting room on real PostgreSQL, on a clock the test moves (no sleeps): clients admitted in arrival
/// order, forged and expired tokens refused, unused turns given to the next, everyone told at once when the last place
/// goes, one order shared by two replicas, and clients with many identities taken out of line.
/// </summary>
public sealed class WaitingRoomTests(ClockedPlatform platform) : IClassFixture<ClockedPlatform>
{
    private const string Office = "connecta-space";
    private const string Procedure = "census-registration";

    private sealed record Client(HttpClient Http, Guid CitizenId)
    {
        public string Token { get; set; } = "";
    }

    private HttpClient Channel(string subject, ServiceHost<Program>? host = null)
    {
        var http = (host ?? platform.Appointments).Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TokenIssuer.Issue(platform.Tokens.Settings, OmnichannelRoles.ChannelApp, Tokens.Tenant, subject, TimeSpan.FromDays(60), DateTimeOffset.UtcNow.AddMinutes(-5)));
        return http;
    }

    private async Task<Guid> CitizenAsync()
    {
        var response = await platform.CitizensClient().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "online" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    private static DateOnly Day(int offset) => DateOnly.FromDateTime(StoreFixture.NextWorkingSlot(offset, 0).Date);

    /// <summary>Opens the window through the staff route (places counted from the day's free slots).</summary>
    private async Task<JsonElement> OpenAsync(DateOnly day, int admitAtOnce, int admissionSeconds = 120)
    {
        var response = await platform.Client().PutAsJsonAsync($"/api/appointments/waiting-rooms/{Procedure}", new
        {
            opensAt = platform.Clock.GetUtcNow(), firstDay = day, lastDay = day, officeId = Office, admitAtOnce, admissionSeconds,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Opens the window with a given number of places (as if the days had only those free), how many beyond
    /// them stand by, and how long a new place settles before it is let in.</summary>
    private async Task OpenWithPlacesAsync(DateOnly day, int places, int admitAtOnce, int standby = 10, int settleMs = 0)
    {
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        await store.ScheduleAsync(Tokens.Tenant, Procedure, Office, day, day, platform.Clock.GetUtcNow(), places, admitAtOnce, 120, platform.Clock.GetUtcNow(), CancellationToken.None,
            standby, settleMs);
        platform.Appointments.Services.GetRequiredService<WaitingRoom.Admitting.RoomCache>().Forget(Tokens.Tenant, Procedure);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> JoinAsync(Client client, int wait = 0, string? device = null)
    {
        var response = await client.Http.PostAsJsonAsync($"/api/appointments/waiting-rooms/{Procedure}/entries{(wait > 0 ? $"?wait={wait}" : "")}", new { citizenId = client.CitizenId, device });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String) client.Token = token.GetString()!;
        return (response.StatusCode, body);
    }

    private async Task<Client> JoinedAsync(string subject, ServiceHost<Program>? host = null, string? device = null)
    {
        var client = new Client(Channel(subject, host), await CitizenAsync());
        var (status, _) = await JoinAsync(client, device: device);
        Assert.Equal(HttpStatusCode.Created, status);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> TurnAsync(Client client, int wait = 0, HttpClient? via = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/waiting-rooms/{Procedure}/turn?wait={wait}");
        request.Headers.Add("Waiting-Room-Token", client.Token);
        var response = await (via ?? client.Http).SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.IsSuccessStatusCode && body.GetProperty("token").ValueKind == JsonValueKind.String) client.Token = body.GetProperty("token").GetString()!;
        return (response.StatusCode, body);
    }

    private static string State(JsonElement turn) => turn.GetProperty("state").GetString()!;

    /// <summary>Searches with the token and books the first free slot of the day.</summary>
    private static async Task<HttpResponseMessage> BookAsync(Client client, DateOnly day, HttpClient? via = null)
    {
        var http = via ?? client.Http;
        using var search = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        search.Headers.Add("Waiting-Room-Token", client.Token);
        var found = await http.SendAsync(search);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var slot = (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots")[0].GetProperty("startsAt").GetDateTimeOffset();
        using var book = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/citizens/{client.CitizenId}/bookings")
        {
            Content = JsonContent.Create(new { officeId = Office, procedureCode = Procedure, startsAt = slot, channel = "online" }),
        };
        book.Headers.Add("Waiting-Room-Token", client.Token);
        return await http.SendAsync(book);
    }

    [Fact]
    public async Task Clients_are_admitted_one_after_another_in_the_order_they_arrived()
    {
        var day = Day(20);
        await OpenAsync(day, admitAtOnce: 1);
        var clients = new List<Client>();
        for (var i = 0; i < 5; i++) clients.Add(await JoinedAsync($"order-{i}"));

        for (var i = 0; i < clients.Count; i++)
        {
            Assert.Equal("admitted", State((await TurnAsync(clients[i])).Body));
            for (var j = i + 1; j < clients.Count; j++)
            {
                var turn = (await TurnAsync(clients[j])).Body;
                Assert.Equal("waiting", State(turn));
                Assert.Equal(j - i, turn.GetProperty("position").GetInt32());
            }
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[i], day)).StatusCode);
            Assert.Equal("booked", State((await TurnAsync(clients[i])).Body));
        }
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(5, room.GetProperty("booked").GetInt32());
        Assert.Equal(0.2, room.GetProperty("clients")[0].GetProperty("share").GetDouble());
    }

    [Fact]
    public async Task A_forged_or_expired_queue_token_is_refused_with_a_problem_and_no_booking()
    {
        var day = Day(21);
        await OpenAsync(day, admitAtOnce: 5);
        var client = await JoinedAsync("tokens");
        Assert.Equal("admitted", State((await TurnAsync(client)).Body));
        var genuine = client.Token;

        foreach (var forged in new[] { "x" + genuine, genuine[..^2] + (genuine[^2] == 'A' ? "BA" : "AA"), "not-a-token", genuine.Replace('.', '-') })
        {
            client.Token = forged;
            var (status, body) = await TurnAsync(client);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("token-invalid", body.GetProperty("reason").GetString());
            var booking = await BookWithoutSearchAsync(client, day);
            Assert.Equal(HttpStatusCode.Forbidden, booking.StatusCode);
            Assert.Equal("application/problem+json", booking.Content.Headers.ContentType?.MediaType);
        }

        // No token at all: the booking is sent to the waiting room.
        client.Token = "";
        var none = await BookWithoutSearchAsync(client, day, withHeader: false);
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Equal("waiting-room", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());

        client.Token = genuine;
        platform.Advance(TimeSpan.FromSeconds(121)); // past the token's two minutes
        var (expiredStatus, expired) = await TurnAsync(client);
        Assert.Equal(HttpStatusCode.Forbidden, expiredStatus);
        Assert.Equal("token-expired", expired.GetProperty("reason").GetString());
    }

    private static async Task<HttpResponseMessage> BookWithoutSearchAsync(Client client, DateOnly day, bool withHeader = true)
    {
        var local = day.ToDateTime(new TimeOnly(10, 20));
        var startsAt = StoreFixture.NextWorkingSlot(0, 4);
        using var book = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/citizens/{client.CitizenId}/bookings")
        {
            Content = JsonContent.Create(new { officeId = Office, procedureCode = Procedure, startsAt = new DateTimeOffset(local, startsAt.Offset), channel = "online" }),
        };
        if (withHeader) book.Headers.Add("Waiting-Room-Token", client.Token);
        return await client.Http.SendAsync(book);
    }

    [Fact]
    public async Task An_admitted_client_that_never_books_gives_its_turn_to_the_next_when_its_time_is_up()
    {
        var day = Day(22);
        await OpenAsync(day, admitAtOnce: 1, admissionSeconds: 60);
        var idle = await JoinedAsync("idle");
        var next = await JoinedAsync("next");
        Assert.Equal("admitted", State((await TurnAsync(idle)).Body));
        Assert.Equal("waiting", State((await TurnAsync(next)).Body));

        platform.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("waiting", State((await TurnAsync(next)).Body));
        platform.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("admitted", State((await TurnAsync(next)).Body));
        Assert.Equal("expired", State((await TurnAsync(idle)).Body));
        var late = await BookAsyncExpectingRefusal(idle, day);
        Assert.Equal("not-admitted", late);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(next, day)).StatusCode);
    }

    private static async Task<string?> BookAsyncExpectingRefusal(Client client, DateOnly day)
    {
        var response = await BookWithoutSearchAsync(client, day);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString();
    }

    [Fact]
    public async Task When_the_last_place_goes_everyone_still_waiting_is_told_at_once()
    {
        await platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var day = Day(23);
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: 1);
        var clients = new List<Client>();
        for (var i = 0; i < 6; i++) clients.Add(await JoinedAsync($"last-{i}"));
        // Those behind wait on their turn for 25 s of a clock that does not move: only a change can answer them.
        var waiting = clients.Skip(2).Select(c => TurnAsync(c, wait: 25)).ToList();

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[0], day)).StatusCode);
        Assert.Equal("admitted", State((await TurnAsync(clients[1])).Body));
        Assert.DoesNotContain(waiting, w => w.IsCompleted);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[1], day)).StatusCode);

        var told = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(20));
        Console.WriteLine($"'no places left' reached {told.Length} waiting clients {started.ElapsedMilliseconds} ms after the last booking was sent");
        Assert.All(told, t => Assert.Equal("no-places-left", State(t.Body)));
        Assert.All(told, t => Assert.True(t.Body.GetProperty("alternatives").ValueKind == JsonValueKind.Object));

        var (late, body) = await JoinAsync(new Client(Channel("late"), await CitizenAsync()));
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Equal("no-places-left", body.GetProperty("reason").GetString());
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal("sold-out", room.GetProperty("state").GetString());
        Assert.Equal(4, room.GetProperty("toldNoPlacesLeft").GetInt32());
    }

    [Fact]
    public async Task Clients_beyond_the_places_left_and_the_standby_are_told_at_once_that_there_is_none_for_them()
    {
        var day = Day(27);
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: 1, standby: 1);
        var inLine = new List<Client>();
        for (var i = 0; i < 3; i++) inLine.Add(await JoinedAsync($"beyond-{i}"));
        // Two places and one standing by are in line: the fourth and fifth could only get one if three ahead gave theirs up.
        foreach (var subject in new[] { "beyond-3", "beyond-4" })
        {
            var late = new Client(Channel(subject), await CitizenAsync());
            var (status, body) = await JoinAsync(late);
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal("no-places-left", State(body));
            Assert.Equal(JsonValueKind.Object, body.GetProperty("alternatives").ValueKind);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("token").ValueKind);
        }
        Assert.Equal("admitted", State((await TurnAsync(inLine[0])).Body));
        Assert.Equal(1, (await TurnAsync(inLine[1])).Body.GetProperty("position").GetInt32());
        Assert.Equal(2, (await TurnAsync(inLine[2])).Body.GetProperty("position").GetInt32());

        // The one standing by gets the turn the first one gives back unused.
        using (var leave = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/waiting-rooms/{Procedure}/turn/leaving"))
        {
            leave.Headers.Add("Waiting-Room-Token", inLine[0].Token);
            Assert.Equal(HttpStatusCode.NoContent, (await inLine[0].Http.SendAsync(leave)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(inLine[1], day)).StatusCode);
        Assert.Equal("admitted", State((await TurnAsync(inLine[2])).Body));
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(2, room.GetProperty("toldNoPlacesLeft").GetInt32());
    }

    [Fact]
    public async Task A_new_place_settles_before_it_is_let_in_so_a_bots_identities_are_refused_before_any_of_them_has_a_turn()
    {
        await platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var day = Day(28);
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: 2, standby: 1, settleMs: 1000);
        var bot = Channel("settling-bot");
        var botPlaces = new List<Client>();
        for (var i = 0; i < 4; i++)
        {
            var c = new Client(bot, await CitizenAsync());
            var (joined, first) = await JoinAsync(c);
            Assert.Equal(HttpStatusCode.Created, joined);
            Assert.Equal("waiting", State(first)); // at the head of an open line, and still not let in: it has not settled
            botPlaces.Add(c);
        }
        var people = new List<Client>();
        for (var i = 0; i < 5; i++) people.Add(await JoinedAsync($"settling-{i}"));
        // Everyone waits on their turn for 25 s of a clock that moves only by what the test says: only the room answers.
        // (Not the third person, who will stand by: a step wakes only the places it changes — admitted, refused, cut —
        // so that one looks without waiting, below.)
        var botWaits = botPlaces.Select(c => TurnAsync(c, wait: 25)).ToList();
        var waits = people.Where((_, i) => i != 2).Select(c => TurnAsync(c, wait: 25)).ToList();

        // The bot's fifth identity, within the second: all its places are refused, and their long polls told at once.
        Assert.Equal(HttpStatusCode.Conflict, (await JoinAsync(new Client(bot, await CitizenAsync()))).Status);
        Assert.All(await Task.WhenAll(botWaits).WaitAsync(TimeSpan.FromSeconds(20)), t => Assert.Equal("refused", State(t.Body)));
        var signals = platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>();
        await Eventually.Until(() => Task.FromResult(signals.Waiting(Tokens.Tenant, Procedure)), n => n == waits.Count, what: "every long poll waiting");
        Assert.DoesNotContain(waits, w => w.IsCompleted);

        // A second later the places have settled and the line moves by itself (nobody looks): two admitted, one standing
        // by, the last two told there is none for them.
        platform.Advance(TimeSpan.FromSeconds(1));
        var turns = (await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(20))).Select(t => State(t.Body)).ToList();
        Assert.Equal(["admitted", "admitted"], turns.Take(2));
        Assert.Equal(["no-places-left", "no-places-left"], turns.Skip(2));
        Assert.Equal("waiting", State((await TurnAsync(people[2])).Body));
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(4, room.GetProperty("refused").GetInt32());
        Assert.Equal(2, room.GetProperty("admitted").GetInt32());
    }

    [Fact]
    public async Task As_many_as_the_places_left_are_admitted_at_once_in_arrival_order_each_offered_its_own_free_seat_to_book_in_one_request()
    {
        await platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var day = Day(29);
        // The service's default window: admitted at once = the places left (up to a cap far above them).
        await OpenWithPlacesAsync(day, places: 3, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 1, settleMs: 1000);
        var clients = new List<Client>();
        for (var i = 0; i < 6; i++) clients.Add(await JoinedAsync($"batch-{i}"));
        // Everyone waits on their turn on a clock that moves only when the test says: only the room's step answers. (Not
        // the fourth, who will stand by: a step wakes only the places it changes — admitted, cut — so it looks after.)
        var waits = clients.Where((_, i) => i != 3).Select(c => TurnAsync(c, wait: 25)).ToList();
        var signals = platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>();
        await Eventually.Until(() => Task.FromResult(signals.Waiting(Tokens.Tenant, Procedure)), n => n == waits.Count, what: "every long poll waiting");
        Assert.DoesNotContain(waits, w => w.IsCompleted);

        platform.Advance(TimeSpan.FromSeconds(1)); // settled: one step lets in the first three together
        var turns = (await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(20))).Select(t => t.Body).ToList();
        turns.Insert(3, (await TurnAsync(clients[3])).Body);
        Assert.Equal(["admitted", "admitted", "admitted", "waiting", "no-places-left", "no-places-left"], turns.Select(State));
        Assert.Equal(1, turns[3].GetProperty("position").GetInt32());

        // Each admitted turn offers free times of the window, not all starting with the same one, and each books one
        // of them straight away, without a search.
        var offered = turns.Take(3).Select(t => t.GetProperty("slots").EnumerateArray().Select(x => x.GetProperty("startsAt").GetDateTimeOffset()).ToList()).ToList();
        Assert.All(offered, o => Assert.NotEmpty(o));
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        Assert.All(offered.SelectMany(o => o), at => Assert.Equal(day, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, madrid).DateTime)));
        // Clients admitted together reach for different seats: no time is offered first to more clients than it has free
        // (several may start with the same time when it has seats for them all).
        var free = turns[0].GetProperty("slots").EnumerateArray().ToDictionary(x => x.GetProperty("startsAt").GetDateTimeOffset(), x => x.GetProperty("free").GetInt32());
        Assert.All(offered.GroupBy(o => o[0]), g => Assert.True(g.Count() <= free.GetValueOrDefault(g.Key, 1), $"{g.Count()} clients were offered {g.Key} first"));
        Assert.Equal(JsonValueKind.Null, turns[3].GetProperty("slots").ValueKind);
        for (var i = 0; i < 3; i++)
        {
            using var book = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/citizens/{clients[i].CitizenId}/bookings")
            {
                Content = JsonContent.Create(new { officeId = Office, procedureCode = Procedure, startsAt = offered[i][0], channel = "online" }),
            };
            book.Headers.Add("Waiting-Room-Token", clients[i].Token);
            Assert.Equal(HttpStatusCode.Created, (await clients[i].Http.SendAsync(book)).StatusCode);
        }
        Assert.Equal("no-places-left", State((await TurnAsync(clients[3])).Body));
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal("sold-out", room.GetProperty("state").GetString());
        Assert.Equal(3, room.GetProperty("booked").GetInt32());
    }

    [Fact]
    public async Task A_booking_that_frees_no_turn_is_counted_without_the_rooms_row_and_the_last_place_still_sells_the_room_out()
    {
        await platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var day = Day(40);
        // The service's default window: both places' clients are let in together, so a booking frees no turn.
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 0);
        var clients = new List<Client>();
        for (var i = 0; i < 2; i++) clients.Add(await JoinedAsync($"uncounted-{i}"));
        foreach (var client in clients) Assert.Equal("admitted", State((await TurnAsync(client)).Body));

        var schema = platform.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().Options.DatabaseSchemaName;
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        // Someone holds the room's row (as a step does) while the first client books: the booking is counted all the same
        // (a crowd's bookings each waited for that row before: its count was kept there).
        await using (var holder = await store.DataSource.OpenConnectionAsync())
        await using (var held = await holder.BeginTransactionAsync())
        {
            await using (var lockRoom = new Npgsql.NpgsqlCommand($"select 1 from {schema}.waiting_rooms where tenant_id = $1 and procedure_code = $2 for update", holder, held))
            {
                lockRoom.Parameters.Add(new() { Value = Tokens.Tenant });
                lockRoom.Parameters.Add(new() { Value = Procedure });
                await lockRoom.ExecuteScalarAsync();
            }
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[0], day).WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
            var counted = await store.RoomAsync(Tokens.Tenant, Procedure, CancellationToken.None);
            Assert.Equal(1, counted!.PlacesLeft);
            Assert.Equal("open", counted.State);
            await held.RollbackAsync();
        }

        // The last place steps the line: the room is sold out.
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[1], day)).StatusCode);
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal("sold-out", room.GetProperty("state").GetString());
        Assert.Equal(2, room.GetProperty("booked").GetInt32());
        Assert.Equal(0, room.GetProperty("placesLeft").GetInt32());
    }

    [Fact]
    public async Task An_admitted_client_is_offered_first_the_seat_at_its_rank_among_those_admitted_even_when_arrival_numbers_have_gaps()
    {
        var day = Day(32);
        // Let in as they join (settled at once), as many as there are places: three admitted together, none booking yet.
        await OpenWithPlacesAsync(day, places: 3, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 0);
        // The window's free seats, as the turn of an admitted client finds them.
        IReadOnlyList<Omnichannel.Appointments.Slots.FreeSlot> free;
        await using (var scope = platform.Appointments.Services.CreateAsyncScope())
        using (RequestContext.Begin(Tokens.Tenant, null))
            (free, _) = await scope.ServiceProvider.GetRequiredService<Omnichannel.Appointments.Slots.SlotFinder>().FindAsync(Procedure, Office, day, day, CancellationToken.None);
        var places = free.Sum(s => (long)s.Free);
        // Arrival numbers come from one sequence that every room draws from, so a room's arrivals have gaps. Here each
        // client's number is the same modulo the free seats (the last one's): a seat chosen by arrival number would send
        // all three to the last free time, while by rank they are offered the seats at ranks 0, 1, 2.
        Assert.NotEqual(AdmittedSlotsFirst(free, 0), AdmittedSlotsFirst(free, places - 1));
        var key = platform.Appointments.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WaitingRoomOptions>>().Value.KeyBytes();
        var turns = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            await NextArrivalAsync(modulus: places, remainder: places - 1);
            var client = new Client(Channel($"seat-rank-{i}"), await CitizenAsync());
            var (status, body) = await JoinAsync(client);
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal("admitted", State(body));
            var (ticket, _) = QueueToken.Read(client.Token, key, Tokens.Tenant, Procedure, platform.Clock.GetUtcNow());
            Assert.Equal(places - 1, ticket!.Arrival % places);
            turns.Add(body);
        }
        for (var rank = 0; rank < 3; rank++)
            Assert.Equal(AdmittedSlotsFirst(free, rank), turns[rank].GetProperty("slots")[0].GetProperty("startsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Admitted_places_asking_their_rank_at_once_share_one_read_that_begins_after_they_ask_so_a_place_given_back_moves_those_behind_it()
    {
        var day = Day(45);
        await OpenWithPlacesAsync(day, places: 4, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 0);
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var key = platform.Appointments.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WaitingRoomOptions>>().Value.KeyBytes();
        var entries = new List<EntryRow>();
        for (var i = 0; i < 4; i++)
        {
            var client = new Client(Channel($"rank-together-{i}"), await CitizenAsync());
            var (_, body) = await JoinAsync(client);
            Assert.Equal("admitted", State(body));
            var (ticket, _) = QueueToken.Read(client.Token, key, Tokens.Tenant, Procedure, platform.Clock.GetUtcNow());
            entries.Add((await store.EntryAsync(Tokens.Tenant, ticket!.EntryId, CancellationToken.None))!);
        }

        var together = await Task.WhenAll(entries.Select(e => store.AdmittedAheadAsync(Tokens.Tenant, e, CancellationToken.None)));
        Assert.Equal([0L, 1L, 2L, 3L], together);
        for (var i = 0; i < 4; i++) Assert.Equal(await store.AdmittedAheadAsync(Tokens.Tenant, entries[i].EntryId, CancellationToken.None), together[i]);

        // The first gives its turn back: asked again, the others' ranks are read afresh, not taken from the read before.
        await store.ReleaseAsync(entries[0].EntryId, "left", platform.Clock.GetUtcNow(), CancellationToken.None);
        var after = await Task.WhenAll(entries.Skip(1).Select(e => store.AdmittedAheadAsync(Tokens.Tenant, e, CancellationToken.None)));
        Assert.Equal([0L, 1L, 2L], after);
        // A place no longer admitted is counted on its own (it is not in the room's admitted places).
        Assert.Equal(0, await store.AdmittedAheadAsync(Tokens.Tenant, entries[0], CancellationToken.None));
    }

    private static DateTimeOffset AdmittedSlotsFirst(IReadOnlyList<Omnichannel.Appointments.Slots.FreeSlot> free, long rank) =>
        WaitingRoom.Admitting.AdmittedSlots.Spread(free, rank)[0].StartsAt;

    /// <summary>Moves the rooms' arrival sequence forward (as other rooms' joins do) so that the next arrival number is
    /// <paramref name="remainder"/> modulo <paramref name="modulus"/>.</summary>
    private async Task NextArrivalAsync(long modulus, long remainder)
    {
        var schema = platform.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().Options.DatabaseSchemaName;
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        await using var command = store.DataSource.CreateCommand($"""
            with n as (select nextval('{schema}.waiting_room_arrivals') + 1 as next)
            select setval('{schema}.waiting_room_arrivals', next + ((($2 - next) % $1) + $1) % $1 - 1) from n
            """);
        command.Parameters.Add(new() { Value = modulus });
        command.Parameters.Add(new() { Value = remainder });
        await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_join_still_on_its_way_holds_back_everyone_who_reached_the_gateway_after_it()
    {
        var day = Day(30);
        await OpenWithPlacesAsync(day, places: 1, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 1, settleMs: 1000);
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var early = platform.Clock.GetUtcNow().AddMilliseconds(-1);
        // A client reached the gateway first, but this replica is still putting its join in line when a later one is in.
        var onItsWay = store.Arriving(Tokens.Tenant, Procedure, early, "held-early", null);
        var later = await JoinedAsync("held-later");
        platform.Advance(TimeSpan.FromSeconds(1)); // the later one has settled: without the hold a step would let it in now
        await store.PromoteAsync(Tokens.Tenant, Procedure, platform.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal("waiting", State((await TurnAsync(later)).Body));

        // The first one's join lands in line (stamped by the gateway when it arrived): it is first, and gets the place.
        onItsWay.Dispose();
        var first = new Client(Channel("held-early"), await CitizenAsync());
        var (status, body) = await JoinStampedAsync(first, early);
        Assert.Equal(HttpStatusCode.Created, status);
        first.Token = body.GetProperty("token").GetString()!;
        platform.Advance(TimeSpan.FromMilliseconds(200));
        // The room's timer steps the line when the clock moves; a look made while that step is still running leaves the
        // room to it (SKIP LOCKED) and reads the place as it was, so look until the step is in.
        await Eventually.Until(async () => State((await TurnAsync(first)).Body), state => state == "admitted", what: "the first arrival admitted");
        var (_, standing) = await TurnAsync(later);
        Assert.Equal("waiting", State(standing));
        Assert.Equal(1, standing.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task A_place_is_not_let_in_while_a_join_stamped_within_its_settling_second_is_on_its_way_so_a_bots_late_identity_refuses_it_first()
    {
        var day = Day(42);
        await OpenWithPlacesAsync(day, places: 5, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 0, settleMs: 1000);
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var bot = new List<Client>();
        for (var i = 0; i < 4; i++) bot.Add(await JoinedAsync("late-bot"));
        platform.Advance(TimeSpan.FromMilliseconds(500));
        // The bot's fifth identity reached the gateway half a second after the others, but its join queues in this replica.
        var fifthStamped = platform.Clock.GetUtcNow();
        using (store.Arriving(Tokens.Tenant, Procedure, fifthStamped, "late-bot", null))
        {
            platform.Advance(TimeSpan.FromMilliseconds(600)); // the first four have been in line a whole second
            await StepSettledAsync(store);
            // Not let in: a join stamped within their settling second is not in line yet (it may be theirs).
            foreach (var identity in bot) Assert.Equal("waiting", State((await TurnAsync(identity)).Body));
        }

        var (status, body) = await JoinStampedAsync(new Client(Channel("late-bot"), await CitizenAsync()), fifthStamped);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("too-many-positions", body.GetProperty("reason").GetString());
        foreach (var identity in bot) Assert.Equal("refused", State((await TurnAsync(identity)).Body));
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(0, room.GetProperty("admitted").GetInt32());
        Assert.Equal(0, room.GetProperty("booked").GetInt32());
    }

    [Fact]
    public async Task A_settled_place_is_let_in_while_another_clients_join_stamped_within_its_settling_second_is_still_on_its_way()
    {
        var day = Day(43);
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 0, settleMs: 1000);
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var person = await JoinedAsync("settled-person");
        platform.Advance(TimeSpan.FromMilliseconds(500));
        // Someone else's join, stamped half a second later, queues in this replica (a crowd's joins do).
        using (store.Arriving(Tokens.Tenant, Procedure, platform.Clock.GetUtcNow(), "someone-else", "someone-elses-phone"))
        {
            platform.Advance(TimeSpan.FromMilliseconds(600));
            await StepSettledAsync(store);
            Assert.Equal("admitted", State((await TurnAsync(person)).Body));
        }
    }

    [Fact]
    public async Task A_place_held_back_by_its_clients_join_on_its_way_keeps_its_turn_and_no_one_behind_it_is_let_in_instead()
    {
        var day = Day(44);
        await OpenWithPlacesAsync(day, places: 1, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 1, settleMs: 1000);
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var first = await JoinedAsync("held-family", device: "held-family-phone");
        platform.Advance(TimeSpan.FromMilliseconds(100));
        var behind = await JoinedAsync("behind-family");
        platform.Advance(TimeSpan.FromMilliseconds(400));
        // Two joins queue in this replica: one of the first place's client, one from another app on the same phone.
        var fromTheSamePhone = store.Arriving(Tokens.Tenant, Procedure, platform.Clock.GetUtcNow(), "other-app", "held-family-phone");
        using (store.Arriving(Tokens.Tenant, Procedure, platform.Clock.GetUtcNow(), "held-family", null))
        {
            platform.Advance(TimeSpan.FromMilliseconds(700)); // both places have settled
            await StepSettledAsync(store);
            Assert.Equal("waiting", State((await TurnAsync(first)).Body));
            Assert.Equal("waiting", State((await TurnAsync(behind)).Body));
        }
        await StepSettledAsync(store);
        Assert.Equal("waiting", State((await TurnAsync(first)).Body)); // its device's join is still on its way
        Assert.Equal("waiting", State((await TurnAsync(behind)).Body));

        // Once nothing of its client or device is on its way, the first is let in; the one behind still waits for a place.
        fromTheSamePhone.Dispose();
        await StepSettledAsync(store);
        Assert.Equal("admitted", State((await TurnAsync(first)).Body));
        Assert.Equal("waiting", State((await TurnAsync(behind)).Body));
    }

    /// <summary>A join as the gateway passes it on: stamped with when the gateway received it.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> JoinStampedAsync(Client client, DateTimeOffset stamped)
    {
        using var join = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/waiting-rooms/{Procedure}/entries")
        {
            Content = JsonContent.Create(new { citizenId = client.CitizenId }),
        };
        join.Headers.Add(WaitingRoom.Joining.JoinWaitingRoomEndpoint.ArrivedAtHeader,
            ((stamped - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var joined = await client.Http.SendAsync(join);
        return (joined.StatusCode, await joined.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>One step of the line once any step the room's timer started on the moved clock is in: the room's row is
    /// waited for first (a step holds it), so the step here is not skipped for one still running.</summary>
    private async Task StepSettledAsync(WaitingRoomStore store)
    {
        var schema = platform.Appointments.Services.GetRequiredService<Marten.IDocumentStore>().Options.DatabaseSchemaName;
        await using (var command = store.DataSource.CreateCommand($"select 1 from {schema}.waiting_rooms where tenant_id = $1 and procedure_code = $2 for update"))
        {
            command.Parameters.Add(new() { Value = Tokens.Tenant });
            command.Parameters.Add(new() { Value = Procedure });
            await command.ExecuteScalarAsync();
        }
        await store.PromoteAsync(Tokens.Tenant, Procedure, platform.Clock.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task A_join_that_waits_is_answered_with_the_decision_once_its_place_settles_admitted_with_seats_to_book_or_told_there_is_none()
    {
        var signals = platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>();
        await signals.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var day = Day(33);
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: new WaitingRoomOptions().AdmitAtOnce, standby: 0, settleMs: 1000);
        var clients = new List<Client>();
        for (var i = 0; i < 3; i++) clients.Add(new Client(Channel($"join-waits-{i}"), await CitizenAsync()));
        // Three join in this order, each asking to wait until its place is decided; on a clock that moves only when the
        // test says, none is answered before its place has settled.
        var joins = new List<Task<(HttpStatusCode Status, JsonElement Body)>>();
        foreach (var client in clients)
        {
            joins.Add(JoinAsync(client, wait: 25));
            await Eventually.Until(() => Task.FromResult(signals.Waiting(Tokens.Tenant, Procedure)), n => n == joins.Count, what: "the join waiting on its place");
        }
        Assert.DoesNotContain(joins, j => j.IsCompleted);

        // Settled: the room's own step decides, and the joins answer it — the first two admitted, the third told there is none.
        platform.Advance(TimeSpan.FromSeconds(1));
        var answers = await Task.WhenAll(joins).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(["admitted", "admitted", "no-places-left"], answers.Select(a => State(a.Body)));
        Assert.Equal(JsonValueKind.Null, answers[2].Body.GetProperty("token").ValueKind);

        // The admitted book a seat their join offered, with the token it gave: no look at the turn in between.
        for (var i = 0; i < 2; i++)
        {
            using var book = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/citizens/{clients[i].CitizenId}/bookings")
            {
                Content = JsonContent.Create(new { officeId = Office, procedureCode = Procedure, startsAt = answers[i].Body.GetProperty("slots")[0].GetProperty("startsAt").GetDateTimeOffset(), channel = "online" }),
            };
            book.Headers.Add("Waiting-Room-Token", clients[i].Token);
            Assert.Equal(HttpStatusCode.Created, (await clients[i].Http.SendAsync(book)).StatusCode);
        }
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal("sold-out", room.GetProperty("state").GetString());
        Assert.Equal(2, room.GetProperty("booked").GetInt32());
    }

    [Fact]
    public async Task A_clients_several_places_push_no_one_out_beyond_its_first()
    {
        var day = Day(31);
        await OpenWithPlacesAsync(day, places: 2, admitAtOnce: 1, standby: 1);
        var family = Channel("family-of-three");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await JoinAsync(new Client(family, await CitizenAsync()))).Status);
        // One client's three places count as one in line (a bot's, before its next identity refuses them, would push
        // people out that its places given back would have reached): the next two are within the places and the standby.
        var after = new List<Client>();
        foreach (var subject in new[] { "after-family-0", "after-family-1" })
        {
            var client = new Client(Channel(subject), await CitizenAsync());
            var (status, body) = await JoinAsync(client);
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal("waiting", State(body));
            after.Add(client);
        }
        Assert.Equal("no-places-left", State((await JoinAsync(new Client(Channel("after-family-2"), await CitizenAsync()))).Body));

        // A step counts the line the same way: nobody within the places and the standby is told there is none.
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        await store.PromoteAsync(Tokens.Tenant, Procedure, platform.Clock.GetUtcNow(), CancellationToken.None);
        Assert.All(await Task.WhenAll(after.Select(c => TurnAsync(c))), t => Assert.Equal("waiting", State(t.Body)));
    }

    [Fact]
    public async Task Two_replicas_on_one_database_admit_from_one_order()
    {
        await using var replica = platform.NewAppointmentsReplica();
        replica.Start();
        await replica.Services.GetRequiredService<WaitingRoomSignals>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        await platform.Appointments.Services.GetRequiredService<WaitingRoomSignals>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var day = Day(24);
        await OpenAsync(day, admitAtOnce: 1);
        // Arrivals alternate between the replicas.
        var clients = new List<Client>();
        for (var i = 0; i < 4; i++) clients.Add(await JoinedAsync($"replicas-{i}", i % 2 == 0 ? platform.Appointments : replica));
        var onA = Channel("watcher-a");
        var onB = Channel("watcher-b", replica);

        Assert.Equal("admitted", State((await TurnAsync(clients[0])).Body));
        for (var i = 1; i < clients.Count; i++)
        {
            // The next one waits on the other replica than the one the booking is made on: the order moves across them.
            var bookVia = i % 2 == 0 ? onA : onB;
            var waitVia = i % 2 == 0 ? onB : onA;
            Assert.Equal("waiting", State((await TurnAsync(clients[i], via: bookVia)).Body));
            var woken = TurnAsync(clients[i], wait: 25, via: waitVia);
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(clients[i - 1], day, via: bookVia)).StatusCode);
            Assert.Equal("admitted", State((await woken.WaitAsync(TimeSpan.FromSeconds(20))).Body));
        }
    }

    [Fact]
    public async Task One_client_with_many_identities_is_taken_out_of_line_and_one_identity_has_one_place()
    {
        var day = Day(25);
        await OpenAsync(day, admitAtOnce: 1);
        var first = await JoinedAsync("ahead");
        var bot = Channel("bot-many-identities");
        var botPlaces = new List<Client>();
        for (var i = 0; i < 4; i++)
        {
            var c = new Client(bot, await CitizenAsync());
            Assert.Equal(HttpStatusCode.Created, (await JoinAsync(c)).Status);
            botPlaces.Add(c);
        }
        var fifth = new Client(bot, await CitizenAsync());
        var (status, body) = await JoinAsync(fifth);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("too-many-positions", body.GetProperty("reason").GetString());
        Assert.All(await Task.WhenAll(botPlaces.Select(c => TurnAsync(c))), t => Assert.Equal("refused", State(t.Body)));

        // The same citizen asking again, from another app, keeps the one place it has.
        var again = new Client(Channel("another-app"), first.CitizenId);
        var (againStatus, againBody) = await JoinAsync(again);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal("admitted", State(againBody));

        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(4, room.GetProperty("refused").GetInt32());
    }

    private static JoinItem Identity(string client, DateTimeOffset arrivedAt, string? device = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), client, device, arrivedAt, KnownCitizen: true, MaxPerClient: 4);

    [Fact]
    public async Task Joins_put_in_line_together_keep_the_rules_of_each_a_bots_fifth_identity_refuses_its_places_and_a_person_keeps_hers()
    {
        var day = Day(34);
        await OpenWithPlacesAsync(day, places: 3, admitAtOnce: 3, standby: 1, settleMs: 1000);
        var store = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var at = platform.Clock.GetUtcNow();
        // One batch, not in arrival order: a person who reached the gateway first, a bot's five identities, one citizen twice.
        var person = Identity("batch-person", at);
        var bot = Enumerable.Range(1, 5).Select(i => Identity("batch-bot", at.AddMilliseconds(i))).ToList();
        var twice = Identity("batch-family", at.AddMilliseconds(7));
        var joins = new List<JoinItem> { bot[4], bot[0], person, twice, bot[1], bot[2], twice with { EntryId = Guid.NewGuid() }, bot[3] };

        var answers = await store.JoinManyAsync(Tokens.Tenant, Procedure, at, 4, joins, CancellationToken.None);

        Assert.Equal(joins.Count, answers.Count);
        JoinedRow Of(JoinItem join) => answers[joins.IndexOf(join)];
        // The person and the family keep one place each, in the order they reached the gateway.
        Assert.Equal(("joined", "waiting", 0L), (Of(person).Outcome, Of(person).State, Of(person).Ahead));
        Assert.Equal(("joined", "waiting"), (Of(twice).Outcome, Of(twice).State));
        Assert.Equal("again", answers[6].Outcome);
        Assert.Equal(Of(twice).EntryId, answers[6].EntryId);
        // The bot's first four took places, and its fifth (last to arrive, though first in the batch) refused them all.
        Assert.All(bot.Take(4), b => Assert.Equal(("joined", "refused"), (Of(b).Outcome, Of(b).State)));
        Assert.Equal("too-many-positions", Of(bot[4]).Outcome);
        Assert.True(Of(person).Arrival < Of(bot[0]).Arrival && Of(bot[0]).Arrival < Of(twice).Arrival);
        var room = await platform.Client().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{Procedure}");
        Assert.Equal(4, room.GetProperty("refused").GetInt32());
        Assert.Equal(2, room.GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task Two_replicas_putting_one_clients_identities_in_line_at_once_neither_deadlock_nor_let_it_hold_more_than_its_share()
    {
        await using var replica = platform.NewAppointmentsReplica();
        replica.Start();
        var day = Day(35);
        await OpenWithPlacesAsync(day, places: 20, admitAtOnce: 20, standby: 1, settleMs: 1000);
        var here = platform.Appointments.Services.GetRequiredService<WaitingRoomStore>();
        var there = replica.Services.GetRequiredService<WaitingRoomStore>();
        var at = platform.Clock.GetUtcNow();
        for (var round = 0; round < 5; round++)
        {
            // Each batch holds the same two clients and one device, named in opposite orders: taken as they come, the
            // advisory locks of the two transactions would cross (each holding what the other waits for).
            var (x, y, device) = ($"crossing-x-{round}", $"crossing-y-{round}", $"crossing-device-{round}");
            var onHere = new List<JoinItem> { Identity(x, at, device), Identity(y, at), Identity(x, at), Identity(y, at), Identity(x, at), Identity(y, at) };
            var onThere = new List<JoinItem> { Identity(y, at, device), Identity(x, at), Identity(y, at), Identity(x, at), Identity(y, at), Identity(x, at) };

            var both = await Task.WhenAll(
                here.JoinManyAsync(Tokens.Tenant, Procedure, at, 4, onHere, CancellationToken.None),
                there.JoinManyAsync(Tokens.Tenant, Procedure, at, 4, onThere, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));

            // Six identities of each client: each asks for more than its four, so its places are given up at least
            // once; and whatever the order the two batches met in, no client ends up holding more than four.
            Assert.Contains(both.SelectMany(b => b), r => r.Outcome == "too-many-positions");
            var standing = await StandingAsync(here, x, y);
            Assert.All(standing, n => Assert.True(n.Places <= 4, $"{n.Client} holds {n.Places} places"));
        }
    }

    private static async Task<List<(string Client, long Places)>> StandingAsync(WaitingRoomStore store, params string[] clients)
    {
        var room = await store.RoomAsync(Tokens.Tenant, Procedure, CancellationToken.None);
        await using var command = store.DataSource.CreateCommand(
            "select client, count(*) from appointments.waiting_room_entries where tenant_id = $1 and procedure_code = $2 and revision = $3 and client = any($4) and state <> 'refused' group by client");
        command.Parameters.Add(new() { Value = Tokens.Tenant });
        command.Parameters.Add(new() { Value = Procedure });
        command.Parameters.Add(new() { Value = room!.Revision });
        command.Parameters.Add(new() { Value = clients });
        var standing = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) standing.Add((reader.GetString(0), reader.GetInt64(1)));
        return standing;
    }

    [Fact]
    public async Task While_a_window_is_open_its_days_are_searched_only_with_an_admission_and_staff_are_not_queued()
    {
        var day = Day(26);
        await OpenAsync(day, admitAtOnce: 1);
        var app = Channel("plain-app");
        var gated = await app.GetAsync($"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.Conflict, gated.StatusCode);
        Assert.Equal("waiting-room", (await gated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var otherDay = day.AddDays(14);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={otherDay:yyyy-MM-dd}&to={otherDay:yyyy-MM-dd}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Client().GetAsync($"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).StatusCode);
    }
}
