using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Tests.Outbox;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.EventStore;

/// <summary>The lost-race classifier on the exceptions a real PostgreSQL and Marten raise when two writers meet, in
/// both of Marten's append modes — not on exceptions made up by the test.</summary>
public sealed class LostRaceTests
{
    private sealed class Mark
    {
        public Guid Id { get; set; }
        public string Code { get; set; } = "";
    }

    private static async Task<DocumentStore> StoreAsync(EventAppendMode mode)
    {
        var connection = await TestServers.NewDatabaseAsync();
        return DocumentStore.For(o =>
        {
            o.Connection(connection);
            o.DatabaseSchemaName = "races";
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.Events.AppendMode = mode;
            o.AutoCreateSchemaObjects = AutoCreate.All;
            o.Schema.For<Mark>().UniqueIndex(m => m.Code);
        });
    }

    private static async Task<Exception> SaveFails(IDocumentSession session)
    {
        var e = await Record.ExceptionAsync(() => session.SaveChangesAsync());
        Assert.NotNull(e);
        return e;
    }

    private static bool Holds<T>(Exception e) where T : Exception =>
        e is T || (e is AggregateException a && a.InnerExceptions.Any(Holds<T>)) || (e.InnerException is { } inner && Holds<T>(inner));

    private static async Task<string> StreamAtVersionOneAsync(IDocumentStore store)
    {
        var stream = $"race:{Guid.NewGuid():N}";
        await using var session = store.LightweightSession();
        session.Events.StartStream(stream, new PingRecorded(1));
        await session.SaveChangesAsync();
        return stream;
    }

    /// <summary>Two writers read version 1; the second to save still expects the stream at 1.</summary>
    private static async Task<Exception> SecondWriterOnTheSameVersionAsync(IDocumentStore store)
    {
        var stream = await StreamAtVersionOneAsync(store);
        await using var first = store.LightweightSession();
        await using var second = store.LightweightSession();
        first.Events.Append(stream, 2, new PingRecorded(2));
        second.Events.Append(stream, 2, new PingRecorded(3));
        await first.SaveChangesAsync();
        return await SaveFails(second);
    }

    private static async Task<Exception> SecondStartOfTheSameStreamAsync(IDocumentStore store)
    {
        var stream = $"race:{Guid.NewGuid():N}";
        await using var first = store.LightweightSession();
        await using var second = store.LightweightSession();
        first.Events.StartStream(stream, new PingRecorded(1));
        second.Events.StartStream(stream, new PingRecorded(2));
        await first.SaveChangesAsync();
        return await SaveFails(second);
    }

    [Fact]
    public async Task An_append_at_a_version_the_stream_moved_past_is_a_lost_race_with_rich_appends()
    {
        await using var store = await StoreAsync(EventAppendMode.Rich);
        var e = await SecondWriterOnTheSameVersionAsync(store);

        Assert.True(Holds<EventStreamUnexpectedMaxEventIdException>(e) || Holds<ConcurrencyException>(e), e.ToString());
        Assert.True(LostRace.Is(e), e.ToString());
    }

    [Fact]
    public async Task An_append_at_a_version_the_stream_moved_past_is_a_lost_race_with_quick_appends()
    {
        await using var store = await StoreAsync(EventAppendMode.Quick);
        var e = await SecondWriterOnTheSameVersionAsync(store);

        // Marten turns its quick-append function's MT003 into this on a session's save.
        Assert.True(Holds<EventStreamUnexpectedMaxEventIdException>(e), e.ToString());
        Assert.True(LostRace.Is(e), e.ToString());
    }

    [Fact]
    public async Task The_quick_append_functions_MT003_is_a_lost_race_where_Marten_does_not_translate_it()
    {
        await using var store = await StoreAsync(EventAppendMode.Quick);
        await using var connection = new NpgsqlConnection(store.Options.Tenancy.Default.Database.CreateConnection().ConnectionString);
        await connection.OpenAsync();
        // Raised as mt_quick_append_events raises it ("Stream version mismatch", ERRCODE MT003).
        await using var raise = new NpgsqlCommand(
            "do $$ begin raise exception 'Stream version mismatch on ''race'': expected 1, actual 2' using errcode = 'MT003'; end $$", connection);
        var e = await Record.ExceptionAsync(() => raise.ExecuteNonQueryAsync());

        Assert.Equal("MT003", Assert.IsType<PostgresException>(e).SqlState);
        Assert.True(LostRace.Is(e), e.ToString());
        Assert.True(LostRace.Is(new Marten.Exceptions.MartenCommandException(raise, e)), "wrapped as Marten wraps it");
    }

    [Fact]
    public async Task A_stream_started_twice_is_a_lost_race_with_rich_appends()
    {
        await using var store = await StoreAsync(EventAppendMode.Rich);
        var e = await SecondStartOfTheSameStreamAsync(store);

        Assert.True(Holds<ExistingStreamIdCollisionException>(e) || Holds<Marten.Exceptions.ExistingStreamIdCollisionException>(e), e.ToString());
        Assert.True(LostRace.Is(e), e.ToString());
    }

    [Fact]
    public async Task A_stream_started_twice_is_a_lost_race_with_quick_appends()
    {
        await using var store = await StoreAsync(EventAppendMode.Quick);
        var e = await SecondStartOfTheSameStreamAsync(store);

        Assert.True(LostRace.Is(e), e.ToString());
    }

    [Fact]
    public async Task The_same_event_version_inserted_twice_is_a_lost_race_unique_violation_23505()
    {
        await using var store = await StoreAsync(EventAppendMode.Rich);
        var stream = await StreamAtVersionOneAsync(store);
        // What a writer that skipped the version check meets: the event table's key on (stream, version).
        await using var connection = new NpgsqlConnection(store.Options.Tenancy.Default.Database.CreateConnection().ConnectionString);
        await connection.OpenAsync();
        await using var copy = new NpgsqlCommand(
            "insert into races.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type) " +
            "select nextval('races.mt_events_sequence'), gen_random_uuid(), stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type " +
            "from races.mt_events where stream_id = @stream", connection);
        copy.Parameters.AddWithValue("stream", stream);
        var e = await Record.ExceptionAsync(() => copy.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(e).SqlState);
        Assert.True(LostRace.Is(e), e.ToString());
        Assert.True(LostRace.Is(new Marten.Exceptions.MartenCommandException(copy, e)), "wrapped as Marten wraps it");
    }

    [Fact]
    public async Task A_unique_violation_on_a_document_is_not_a_lost_race()
    {
        await using var store = await StoreAsync(EventAppendMode.Rich);
        await using (var session = store.LightweightSession())
        {
            session.Store(new Mark { Id = Guid.NewGuid(), Code = "C0000-00000" });
            await session.SaveChangesAsync();
        }
        await using var again = store.LightweightSession();
        again.Store(new Mark { Id = Guid.NewGuid(), Code = "C0000-00000" });
        var e = await SaveFails(again);

        Assert.True(Holds<PostgresException>(e), e.ToString());
        Assert.False(LostRace.Is(e), "a duplicate code is a bug to see, not a race to retry");
    }

    [Fact]
    public void Anything_else_is_not_a_lost_race()
    {
        Assert.False(LostRace.Is(new InvalidOperationException("boom")));
        Assert.False(LostRace.Is(new TimeoutException()));
        Assert.True(LostRace.Is(new AggregateException(new InvalidOperationException(), new ConcurrencyException("race", null!))));
    }
}
