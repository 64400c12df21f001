using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Storage;
using Npgsql;
using Omnichannel.Cli.Analysts.Demand;
using Omnichannel.Testing;

namespace Omnichannel.Analysts.Tests;

// Shaped like the services' own events (the fields the statistics read).
public sealed record TicketServed(Guid TicketId, string Line, string ProcedureCode, string Channel, string DeskId, double WaitMinutes, double ServiceMinutes, DateTimeOffset At);
public sealed record AppointmentBooked(AppointmentRef Ref, string Channel, DateTimeOffset At);
public sealed record AppointmentRef(Guid AppointmentId, string OfficeId, string ProcedureCode);
public sealed record AppointmentCheckedIn(AppointmentRef Ref, DateTimeOffset At);
public sealed record AppointmentMissed(AppointmentRef Ref, DateTimeOffset At);
public sealed record SessionStarted(string KioskId, string OfficeId, DateTimeOffset At);
public sealed record IncidentRated(Guid IncidentId, int Rating, string Channel, DateTimeOffset At);

/// <summary>A month of contacts in four services' event tables, all in October 2026 (local time).</summary>
public sealed class DemandEvents : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestServers.NewDatabaseAsync();
        var at = new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.FromHours(2));
        await AppendAsync("queues", session =>
        {
            for (var i = 0; i < 30; i++)
                session.Events.Append($"office-day:connecta-space:2026-10-05", new TicketIssued($"G{i:000}", "connecta-space", i < 10 ? "P" : "G", 5, at),
                    new TicketServed(Guid.NewGuid(), "G", "padro-alta", "on-site", "d1", i, 10, at));
        });
        await AppendAsync("appointments", session =>
        {
            for (var i = 0; i < 12; i++)
            {
                var r = new AppointmentRef(Guid.NewGuid(), "cc-rocafonda", "padro-alta");
                session.Events.Append($"appointment:{i}", new AppointmentBooked(r, i < 4 ? "kiosk" : "phone", at));
                session.Events.Append($"appointment:{i}", i < 11 ? new AppointmentCheckedIn(r, at) : new AppointmentMissed(r, at));
            }
        });
        await AppendAsync("kiosks", session =>
        {
            for (var i = 0; i < 3; i++) session.Events.Append($"kiosk-sessions:K{i}", new SessionStarted($"K{i}", "connecta-space", at));
        });
        await AppendAsync("incidents", session =>
        {
            for (var i = 0; i < 10; i++) session.Events.Append($"incident:{i}", new IncidentRated(Guid.NewGuid(), 3 + i % 3, "chat", at));
        });
    }

    private async Task AppendAsync(string schema, Action<IDocumentSession> append)
    {
        await using var store = DocumentStore.For(o =>
        {
            o.Connection(ConnectionString);
            o.DatabaseSchemaName = schema;
            o.Events.DatabaseSchemaName = schema;
            o.Events.TenancyStyle = TenancyStyle.Conjoined;
            o.Policies.AllDocumentsAreMultiTenanted();
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await using var session = store.LightweightSession("mataro");
        append(session);
        await session.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class DemandTests(DemandEvents events) : IClassFixture<DemandEvents>
{
    private static readonly DateTimeOffset October = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Contacts_per_channel_come_from_the_declared_contact_events()
    {
        await using var dataSource = NpgsqlDataSource.Create(events.ConnectionString);
        var perChannel = (await new DemandQueries(dataSource, "mataro").PerChannelAsync(October, October.AddMonths(1), CancellationToken.None))
            .ToDictionary(c => c.Key, c => c.Contacts);
        Assert.Equal(10, perChannel["point0"]);
        Assert.Equal(20, perChannel["general-line"]);
        Assert.Equal(8, perChannel["phone"]);
        Assert.Equal(7, perChannel["kiosk"]); // 4 bookings made at a kiosk + 3 kiosk sessions
        Assert.Empty(await new DemandQueries(dataSource, "hospitalet").PerChannelAsync(October, October.AddMonths(1), CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_times_are_read_from_served_tickets()
    {
        await using var dataSource = NpgsqlDataSource.Create(events.ConnectionString);
        var waits = (await new DemandQueries(dataSource, null).DurationsAsync(October, October.AddMonths(1), CancellationToken.None)).Single(d => d.Measure == "wait (min)");
        Assert.Equal(30, waits.Count);
        Assert.Equal(14.5, waits.Mean, 6);
        Assert.Equal("connecta-space", waits.Key);
    }

    [Fact]
    public async Task Monthly_indicators_suppress_small_cells_and_carry_no_personal_data()
    {
        await using var dataSource = NpgsqlDataSource.Create(events.ConnectionString);
        var set = await new MonthlyIndicators(dataSource, "mataro", threshold: 10).ForMonthAsync(2026, 10, CancellationToken.None);
        Indicator Find(string name, string key = "all") => set.Indicators.Single(i => i.Name == name && i.Key == key);

        Assert.Equal(20, Find("contacts", "general-line").Value);
        Assert.True(Find("contacts", "kiosk").Suppressed);          // 7 < 10
        Assert.Null(Find("contacts", "kiosk").Value);
        Assert.True(Find("kiosk sessions").Suppressed);
        Assert.Equal(11, Find("appointments kept").Value);
        Assert.True(Find("appointments missed").Suppressed);        // 1 < 10: could point at someone
        Assert.Equal(11.0 / 12, Find("appointments kept rate").Value!.Value, 3);
        Assert.Equal(3.9, Find("satisfaction", "mean rating 1-5").Value!.Value, 3);

        var csv = set.ToCsv();
        Assert.StartsWith("council,month,indicator,dimension,key,value,unit,suppressed", csv);
        Assert.Contains("mataro,2026-10,appointments missed,all,all,,appointments,true", csv);
        Assert.Contains("\"suppressionThreshold\": 10", set.ToJson());
    }
}
