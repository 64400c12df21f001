using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Cancelling;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.Appointments.Closures;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Appointments.Tests;

/// <summary>
/// The appointments service as deployed: an API host without the async daemon (where staff declare closures and
/// citizens book) and a worker host with it (projections, the outbox and the closure subscription), sharing one
/// database; procedures and citizens beside them; a queue on the bus that hears every closure notice. The booking
/// horizon ends the day after <see cref="FullDay"/>, so the tests can fill every alternative there is.
/// </summary>
public sealed class ClosureFixture : IAsyncLifetime
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public Tokens Tokens { get; } = new();
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Program> Api { get; private set; } = null!;
    public ServiceHost<Program>? Worker { get; private set; }
    public string Postgres { get; private set; } = "";

    /// <summary>Closure notices heard on the bus, with their MessageId.</summary>
    public ConcurrentQueue<(Guid MessageId, IIntegrationEvent Notice)> Notices { get; } = new();

    /// <summary>A working day a few days ahead with working days after it inside the horizon.</summary>
    public DateOnly BusyDay { get; }

    /// <summary>A working day followed by another, the last of the horizon.</summary>
    public DateOnly FullDay { get; }

    private readonly Dictionary<string, string?> settings = [];

    public ClosureFixture()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Madrid).DateTime);
        static bool Working(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !CatalanHolidays.All.Contains(d);
        BusyDay = today.AddDays(2);
        while (!Working(BusyDay)) BusyDay = BusyDay.AddDays(1);
        FullDay = BusyDay.AddDays(2);
        while (!Working(FullDay) || !Working(FullDay.AddDays(1))) FullDay = FullDay.AddDays(1);
        settings["Appointments:BookingHorizonDays"] = (FullDay.AddDays(1).DayNumber - today.DayNumber).ToString();
        settings["Appointments:WatchIntervalSeconds"] = "1"; // the watcher's sweep of closed days, without waiting 30 s
    }

    public static DateTimeOffset At(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Madrid.GetUtcOffset(local));
    }

    public static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Madrid).DateTime);

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in await TestServers.NewPlatformSettingsAsync(Tokens)) settings[key] = value;
        settings["DemoData:Enabled"] = "true";
        Postgres = settings["ConnectionStrings:Postgres"]!;
        Procedures = new ServiceHost<Procedures.Program>(settings, withGrpc: true);
        Citizens = new ServiceHost<Citizens.Program>(settings, withGrpc: true);
        settings["Services:Procedures:Grpc"] = Procedures.GrpcAddress!.ToString();
        settings["Services:Citizens:Grpc"] = Citizens.GrpcAddress!.ToString();
        Procedures.With("Services:Citizens:Grpc", settings["Services:Citizens:Grpc"]).Start();
        Citizens.With("Services:Procedures:Grpc", settings["Services:Procedures:Grpc"]).Start();
        Api = new ServiceHost<Program>(settings, withGrpc: false).With("Daemon:Enabled", "false");
        Api.Start();

        var listening = Api.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"closure-notices-{Guid.NewGuid():N}", e =>
        {
            e.Handler<V1.AppointmentMovedByClosure>(c => Heard(c.MessageId, c.Message));
            e.Handler<V1.AppointmentCancelledByClosure>(c => Heard(c.MessageId, c.Message));
        });
        await listening.Ready;
        StartWorker();
    }

    private Task Heard(Guid? messageId, IIntegrationEvent notice)
    {
        Notices.Enqueue((messageId ?? Guid.Empty, notice));
        return Task.CompletedTask;
    }

    public void StartWorker()
    {
        Worker ??= new ServiceHost<Program>(settings, withGrpc: false);
        Worker.Start();
    }

    /// <summary>As if the worker crashed: nothing of the daemon runs until <see cref="StartWorker"/>.</summary>
    public async Task StopWorkerAsync()
    {
        if (Worker is null) return;
        await Worker.DisposeAsync();
        Worker = null;
    }

    public HttpClient Staff() => Api.Client(Tokens.Staff());
    public HttpClient Channel() => Api.Client(Tokens.ChannelApp());

    public async Task<Guid> RegisterCitizenAsync(string language, string? preferredChannel = null)
    {
        var response = await Citizens.Client(Tokens.ChannelApp()).PostAsJsonAsync("/api/citizens", new { preferredLanguage = language, preferredChannel, channel = "phone" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    /// <summary>A citizen this service already knows from their registration (no call to the citizens service needed).</summary>
    public async Task<Guid> KnownCitizenAsync()
    {
        var citizen = Guid.NewGuid();
        await using var session = Api.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession(Tokens.Tenant);
        session.Store(new KnownCitizen { Id = citizen });
        await session.SaveChangesAsync();
        return citizen;
    }

    /// <summary>Books through the API host's own bookings service, as the booking endpoints do.</summary>
    public async Task<AppointmentState> BookAsync(Guid citizen, string office, string procedure, DateTimeOffset startsAt)
    {
        using var context = RequestContext.Begin(Tokens.Tenant, null);
        await using var scope = Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Bookings>().HoldAsync(citizen, office, procedure, startsAt, Channels.Online, confirm: true, CancellationToken.None);
    }

    /// <summary>Books every free place of a procedure at an office on a day, each for a different citizen.</summary>
    public async Task<int> FillAsync(string office, string procedure, DateOnly day)
    {
        using var context = RequestContext.Begin(Tokens.Tenant, null);
        await using var scope = Api.Services.CreateAsyncScope();
        var (free, _) = await scope.ServiceProvider.GetRequiredService<SlotFinder>().FreshToHorizonAsync(procedure, day, CancellationToken.None);
        var places = free.Where(s => s.OfficeId == office && LocalDay(s.StartsAt) == day).SelectMany(s => Enumerable.Repeat(s.StartsAt, s.Free)).ToList();
        foreach (var start in places) await BookAsync(await KnownCitizenAsync(), office, procedure, start);
        return places.Count;
    }

    public async Task<T> QueryAsync<T>(Func<IQuerySession, Task<T>> read)
    {
        await using var session = Api.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        return await read(session);
    }

    public Task<AppointmentView> AppointmentAsync(Guid id) => QueryAsync(async s => (await s.LoadAsync<AppointmentView>(AppointmentState.StreamKey(id)))!);

    public Task<int> EventCountAsync() => QueryAsync(s => s.Events.QueryAllRawEvents().CountAsync());

    /// <summary>Where the closure subscription's checkpoint stands, straight from Marten's progress table.</summary>
    public async Task<long> ClosureCheckpointAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand($"select coalesce(max(last_seq_id), 0) from appointments.mt_event_progression where name like '{ClosureSubscription.SubscriptionName}%'", connection);
        return Convert.ToInt64(await read.ExecuteScalarAsync());
    }

    /// <summary>As if the worker had crashed before its first checkpoint: the subscription starts again from the first event.
    /// (Deleted rather than set to 0, which Marten reads as a missing row and fails to insert.)</summary>
    public async Task RewindClosureCheckpointAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var rewind = new NpgsqlCommand($"delete from appointments.mt_event_progression where name like '{ClosureSubscription.SubscriptionName}%'", connection);
        Assert.True(await rewind.ExecuteNonQueryAsync() > 0, "the closure subscription has a checkpoint to rewind");
    }

    public Task<long> LastSequenceAsync() => QueryAsync(async s => (await s.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).FirstAsync()).Sequence);

    public async Task<List<string>> HistoryKindsAsync(Guid citizen, string language)
    {
        var page = await Citizens.Client(Tokens.ChannelApp()).GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang={language}");
        return [.. page.GetProperty("entries").EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()}|{e.GetProperty("text").GetString()}")];
    }

    public async Task DisposeAsync()
    {
        await StopWorkerAsync();
        await Api.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}

/// <summary>Against the real PostgreSQL and RabbitMQ: what a closure does to the appointments already booked that day.</summary>
public sealed class ClosureTests(ClosureFixture fixture) : IClassFixture<ClosureFixture>
{
    private const string Central = "connecta-space";
    private const string Census = "census-registration";  // 4 desks at the central office, 1 at each civic centre

    private Task<HttpResponseMessage> CloseAsync(string office, DateOnly day, string reason = "Obres a l'edifici") =>
        fixture.Staff().PostAsJsonAsync($"/api/appointments/offices/{office}/closures", new { date = day, reason });

    private IEnumerable<T> NoticesFor<T>(Guid appointmentId) where T : class =>
        fixture.Notices.Select(n => n.Notice).OfType<T>().Where(n => n switch
        {
            V1.AppointmentMovedByClosure m => m.AppointmentId == appointmentId,
            V1.AppointmentCancelledByClosure c => c.AppointmentId == appointmentId,
            _ => false,
        });

    [Fact]
    public async Task Appointments_booked_on_a_closed_day_are_moved_to_the_nearest_later_open_day_within_capacity_once_each_even_if_the_worker_was_down_when_it_was_declared()
    {
        var day = fixture.BusyDay;
        var ana = await fixture.RegisterCitizenAsync("es", "whatsapp");
        var jordi = await fixture.RegisterCitizenAsync("ca");
        var emma = await fixture.RegisterCitizenAsync("en", "telegram");
        var others = new[] { await fixture.KnownCitizenAsync(), await fixture.KnownCitizenAsync() };
        var booked = new List<AppointmentState>
        {
            await fixture.BookAsync(ana, Central, Census, ClosureFixture.At(day, 9, 0)),
            await fixture.BookAsync(jordi, Central, Census, ClosureFixture.At(day, 9, 0)),
            await fixture.BookAsync(others[0], Central, Census, ClosureFixture.At(day, 9, 0)),
            await fixture.BookAsync(others[1], Central, Census, ClosureFixture.At(day, 9, 0)),
            await fixture.BookAsync(emma, Central, Census, ClosureFixture.At(day, 12, 20)),
        };
        // 14:40: the office closes at 15:00 on Fridays, and the busy day is one when the tests run on a Wednesday.
        var withdrawn = await fixture.BookAsync(await fixture.KnownCitizenAsync(), Central, Census, ClosureFixture.At(day, 14, 40));
        using (RequestContext.Begin(Tokens.Tenant, null))
        await using (var scope = fixture.Api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Bookings>().CancelAsync(withdrawn.Ref.AppointmentId, "no longer needed", Channels.Online, "citizen", CancellationToken.None);

        // The worker is down when staff close the office: the closure is stored, nobody is moved yet.
        await fixture.StopWorkerAsync();
        Assert.Equal(HttpStatusCode.OK, (await CloseAsync(Central, day)).StatusCode);
        foreach (var b in booked) Assert.Equal(day, ClosureFixture.LocalDay((await fixture.AppointmentAsync(b.Ref.AppointmentId)).StartsAt));

        fixture.StartWorker();
        var moved = await Eventually.Until(() => Task.WhenAll(booked.Select(b => fixture.AppointmentAsync(b.Ref.AppointmentId))),
            views => views.All(v => v.Sequence == 1), TimeSpan.FromSeconds(60), "every appointment of the closed day to be moved");

        var nextDay = day.AddDays(1);
        while (nextDay.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || CatalanHolidays.All.Contains(nextDay)) nextDay = nextDay.AddDays(1);
        Assert.All(moved, v => Assert.Equal((AppointmentStatus.Booked, Central), (v.Status, v.OfficeId)));
        // The four of 9:00 fill the next open day's first slot; the fifth gets the next one.
        Assert.Equal(4, moved.Count(v => v.StartsAt == ClosureFixture.At(nextDay, 9, 0)));
        Assert.Equal(ClosureFixture.At(nextDay, 9, 20), moved.Single(v => v.CitizenId == emma).StartsAt);
        Assert.Equal(AppointmentStatus.Cancelled, (await fixture.AppointmentAsync(withdrawn.Ref.AppointmentId)).Status);

        var occupancy = await fixture.QueryAsync(s => s.Query<SlotOccupancy>().Where(o => o.OfficeId == Central && o.ProcedureCode == Census).ToListAsync());
        Assert.All(occupancy, o => Assert.InRange(o.Occupants.Count, 0, 4));
        Assert.DoesNotContain(occupancy, o => ClosureFixture.LocalDay(o.StartsAt) == day && o.Occupants.Count > 0);

        var ics = await fixture.Channel().GetStringAsync($"/api/appointments/{booked[0].Ref.AppointmentId}.ics");
        Assert.Contains("SEQUENCE:1", ics);
        Assert.Contains($"DTSTART;TZID=Europe/Madrid:{nextDay:yyyyMMdd}T090000", ics);

        await Eventually.Until(() => Task.FromResult(booked.Count(b => NoticesFor<V1.AppointmentMovedByClosure>(b.Ref.AppointmentId).Any())),
            n => n == booked.Count, what: "a notice for every moved appointment");
        var anas = Assert.Single(NoticesFor<V1.AppointmentMovedByClosure>(booked[0].Ref.AppointmentId));
        Assert.Equal(("es", "whatsapp", "Obres a l'edifici", day, 1), (anas.Language, anas.PreferredChannel, anas.ClosureReason, anas.ClosedOn, anas.Sequence));
        var emmas = Assert.Single(NoticesFor<V1.AppointmentMovedByClosure>(booked[4].Ref.AppointmentId));
        Assert.Equal(("en", "telegram"), (emmas.Language, emmas.PreferredChannel));
        Assert.Empty(NoticesFor<V1.AppointmentMovedByClosure>(withdrawn.Ref.AppointmentId));

        var history = await Eventually.Until(() => fixture.HistoryKindsAsync(ana, "es"), h => h.Any(k => k.StartsWith("appointment-moved-by-closure")), what: "the move in Ana's history");
        Assert.Contains(history, k => k.Contains("Obres a l'edifici") && k.Contains(nextDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + " 09:00"));

        // Run again, as after a crash before the checkpoint: the subscription starts over and nothing changes.
        var events = await fixture.EventCountAsync();
        await fixture.StopWorkerAsync();
        await fixture.RewindClosureCheckpointAsync();
        var last = await fixture.LastSequenceAsync();
        fixture.StartWorker();
        await Eventually.Until(() => fixture.ClosureCheckpointAsync(), seq => seq >= last, TimeSpan.FromSeconds(60), "the closure subscription to catch up again");
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a late duplicate to show up before counting
        Assert.Equal(events, await fixture.EventCountAsync());
        Assert.All(booked, b => Assert.Single(NoticesFor<V1.AppointmentMovedByClosure>(b.Ref.AppointmentId)));

        using (RequestContext.Begin(Tokens.Tenant, null))
        await using (var scope = fixture.Worker!.Services.CreateAsyncScope())
            Assert.Equal(new ClosureOutcome(0, 0), await scope.ServiceProvider.GetRequiredService<ClosureRelocation>().RelocateAsync(Central, day, "Obres a l'edifici", CancellationToken.None));
        Assert.Equal(events, await fixture.EventCountAsync());
    }

    [Fact]
    public async Task When_every_alternative_is_taken_the_appointment_is_cancelled_with_the_closures_reason_and_the_citizen_invited_to_book_again()
    {
        const string procedure = "business-opening-notice"; // the central office only, one desk
        var day = fixture.FullDay;
        var citizen = await fixture.RegisterCitizenAsync("ca", "telegram");
        var mine = await fixture.BookAsync(citizen, Central, procedure, ClosureFixture.At(day, 10, 0));
        Assert.True(await fixture.FillAsync(Central, procedure, day.AddDays(1)) > 0); // the only open day left in the horizon

        Assert.Equal(HttpStatusCode.OK, (await CloseAsync(Central, day, "Vaga del personal")).StatusCode);

        var cancelled = await Eventually.Until(() => fixture.AppointmentAsync(mine.Ref.AppointmentId), v => v.Status == AppointmentStatus.Cancelled,
            TimeSpan.FromSeconds(60), "the appointment to be cancelled");
        Assert.Equal(ClosureFixture.At(day, 10, 0), cancelled.StartsAt);
        var slot = await fixture.QueryAsync(s => s.LoadAsync<SlotOccupancy>(SlotUnit.StreamKey(Central, procedure, ClosureFixture.At(day, 10, 0))));
        Assert.Empty(slot!.Occupants);

        var notice = (await Eventually.Until(() => Task.FromResult(NoticesFor<V1.AppointmentCancelledByClosure>(mine.Ref.AppointmentId).ToList()), n => n.Count > 0, what: "the cancellation notice")).Single();
        Assert.Equal(("Vaga del personal", "ca", "telegram"), (notice.ClosureReason, notice.Language, notice.PreferredChannel));
        var history = await Eventually.Until(() => fixture.HistoryKindsAsync(citizen, "ca"), h => h.Any(k => k.StartsWith("appointment-cancelled-by-closure")), what: "the cancellation in the history");
        Assert.Contains(history, k => k.Contains("Vaga del personal") && k.Contains("Demana'n una altra"));
        Assert.Contains("METHOD:CANCEL", await fixture.Channel().GetStringAsync($"/api/appointments/{mine.Ref.AppointmentId}.ics"));
    }

    [Fact]
    public async Task When_the_closed_office_has_no_free_slot_left_the_appointment_moves_to_another_office_serving_the_procedure_at_the_same_time()
    {
        const string procedure = "energy-poverty-aid"; // the three civic centres, one desk each
        var day = fixture.FullDay;
        var citizen = await fixture.RegisterCitizenAsync("en");
        var mine = await fixture.BookAsync(citizen, "cc-cerdanyola", procedure, ClosureFixture.At(day, 10, 0));
        Assert.True(await fixture.FillAsync("cc-cerdanyola", procedure, day.AddDays(1)) > 0);

        Assert.Equal(HttpStatusCode.OK, (await CloseAsync("cc-cerdanyola", day, "Avaria elèctrica")).StatusCode);

        var moved = await Eventually.Until(() => fixture.AppointmentAsync(mine.Ref.AppointmentId), v => v.Sequence == 1, TimeSpan.FromSeconds(60), "the appointment to be moved");
        Assert.Equal(("cc-pla-den-boet", ClosureFixture.At(day, 10, 0), AppointmentStatus.Booked), (moved.OfficeId, moved.StartsAt, moved.Status));
        var notice = (await Eventually.Until(() => Task.FromResult(NoticesFor<V1.AppointmentMovedByClosure>(mine.Ref.AppointmentId).ToList()), n => n.Count > 0, what: "the notice")).Single();
        Assert.Equal(("cc-cerdanyola", "cc-pla-den-boet", "Centre Cívic Pla d'en Boet, Mataró"), (notice.PreviousOfficeId, notice.OfficeId, notice.OfficeAddress));
        var history = await Eventually.Until(() => fixture.HistoryKindsAsync(citizen, "en"), h => h.Any(k => k.StartsWith("appointment-moved-by-closure")), what: "the move in the history");
        Assert.Contains(history, k => k.Contains("Centre Cívic Pla d'en Boet"));
    }

    [Fact]
    public async Task A_booking_that_slipped_in_as_the_closure_was_moved_is_moved_on_the_watchers_next_pass()
    {
        const string office = "cc-rocafonda", procedure = "digital-certificate";
        var day = fixture.BusyDay;
        var citizen = await fixture.RegisterCitizenAsync("ca");
        var checkpoint = await fixture.ClosureCheckpointAsync();
        Assert.Equal(HttpStatusCode.OK, (await CloseAsync(office, day, "Inundació")).StatusCode);
        await Eventually.Until(fixture.ClosureCheckpointAsync, c => c > checkpoint, TimeSpan.FromSeconds(60), "the closure's own pass");

        // A booking that read the office an instant before the closure and saved after the closure's pass listed the day.
        Guid slipped;
        using (RequestContext.Begin(Tokens.Tenant, null))
        await using (var scope = fixture.Api.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant);
            var stale = (await session.LoadAsync<Offices.OfficeView>(Offices.OfficeState.StreamKey(office)))!;
            stale.Closures.Clear();
            var set = new BuildingBlocks.EventStore.StreamSet(session);
            var startsAt = ClosureFixture.At(day, 10, 0);
            slipped = Guid.NewGuid();
            var changes = HoldDecision.DecideBooking(
                new HoldSlot(slipped, AppointmentCode.New(), citizen, office, procedure, startsAt, Channels.Online, DateTimeOffset.UtcNow),
                await set.LoadAsync(SlotUnit.StreamKey(office, procedure, startsAt), SlotUnit.Initial, SlotUnit.Evolve, default),
                await set.LoadAsync(CitizenAgenda.StreamKey(citizen), CitizenAgenda.Initial, CitizenAgenda.Evolve, default),
                set.New(AppointmentState.StreamKey(slipped), AppointmentState.Initial),
                new SlotContext(stale, services.GetRequiredService<IBusinessCalendars>(), (await services.GetRequiredService<ProcedureDurations>().GetAsync(procedure, default)).SlotLength,
                    services.GetRequiredService<Bookings>().Policy));
            await set.AppendAndSaveAsync(changes.Select(c => (c.StreamKey, c.Events)), default);
        }
        Assert.Equal(day, ClosureFixture.LocalDay((await fixture.AppointmentAsync(slipped)).StartsAt));

        var moved = await Eventually.Until(() => fixture.AppointmentAsync(slipped), v => v.Sequence == 1, TimeSpan.FromSeconds(60), "the slipped booking to be moved");
        Assert.NotEqual(day, ClosureFixture.LocalDay(moved.StartsAt));
        Assert.Equal(AppointmentStatus.Booked, moved.Status);
        var notice = (await Eventually.Until(() => Task.FromResult(NoticesFor<V1.AppointmentMovedByClosure>(slipped).ToList()), n => n.Count > 0, what: "the notice")).Single();
        Assert.Equal(citizen, notice.CitizenId);
    }

    [Fact]
    public async Task Closing_a_past_day_an_unknown_office_or_without_a_reason_is_a_problem_naming_what_is_wrong()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        var past = await CloseAsync(Central, yesterday);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("application/problem+json", past.Content.Headers.ContentType!.MediaType);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("date", out _));

        var nowhere = await CloseAsync("atlantis", fixture.FullDay);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("application/problem+json", nowhere.Content.Headers.ContentType!.MediaType);

        var noReason = await CloseAsync(Central, fixture.FullDay, reason: "");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()));

        var asCitizenApp = await fixture.Channel().PostAsJsonAsync($"/api/appointments/offices/{Central}/closures", new { date = fixture.FullDay, reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, asCitizenApp.StatusCode);
    }
}
