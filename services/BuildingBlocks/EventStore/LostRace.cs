using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// The one answer to "did this save fail because another writer got to the stream first?", for every write path
/// (<see cref="ConcurrencyRetry"/>, <see cref="HotStreams{TState}"/>, the slot gate) and for problem handling: a lost
/// race is decided again or answered 409, never a 500. Marten reports the same race differently depending on how it
/// appended, hence the list.
/// </summary>
public static class LostRace
{
    public static bool Is(Exception e) => e switch
    {
        // Appended at a version the stream has moved past (rich appends), or a stream started twice.
        EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException or ConcurrencyException => true,
        // Marten's quick-append function when the stream moved on past the expected version.
        PostgresException { SqlState: "MT003" } => true,
        // Two writers inserting the same event version or starting the same stream hit the event tables' keys.
        // A unique violation anywhere else (a document's unique index) is no race: retrying cannot help.
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p => OnEventTables(p),
        AggregateException a => a.InnerExceptions.Any(Is),
        _ => e.InnerException is not null && Is(e.InnerException),
    };

    private static bool OnEventTables(PostgresException p) =>
        p.TableName is "mt_events" or "mt_streams"
        || (p.ConstraintName ?? "").Contains("mt_events", StringComparison.Ordinal)
        || (p.ConstraintName ?? "").Contains("mt_streams", StringComparison.Ordinal);
}
