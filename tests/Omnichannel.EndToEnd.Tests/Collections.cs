namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// The end-to-end test collections. Each collection starts one <see cref="Platform"/> (its collection fixture) that its
/// test classes share, one test after the other; collections run side by side, each on its own platform (own database,
/// virtual host, clocks). Why: starting a platform (ten services and the gateway) is the dearest thing these tests do,
/// and one per test class made it most of the project's time. Each test still makes its own citizens, cases, kiosks,
/// desks and offices, so the order within a collection does not matter. What decides the collection is what a test reads
/// or changes for the whole platform:
/// </summary>
public static class Collections
{
    /// <summary>Requests whose effects are the test's own (its citizens, cases, incidents, callbacks, offices, chats) or that
    /// change nothing (documents, malformed input); and the office directory's tests, the only ones here that move the
    /// queues' clock and take tickets, so the appointment line's first ticket of their day is theirs.</summary>
    public const string Requests = "end-to-end: requests with effects of their own";

    /// <summary>The demo office's day: the queues' clock moved into opening hours, walk-in tickets, a desk calling the
    /// priority line, kiosks' sessions and appointments, and the seeded citizens of the access log and export.</summary>
    public const string OfficeDay = "end-to-end: the demo office's day";

    /// <summary>Slot searches that count one slot's free places exactly and holds at the first slot: no other booking at
    /// the demo office may happen on the same platform.</summary>
    public const string Slots = "end-to-end: appointment slots";

    /// <summary>An erasure compares every schema's event counts, the incident indicators and the kiosk usage before and
    /// after: nothing else may write to its platform meanwhile.</summary>
    public const string Erasure = "end-to-end: erasure";

    /// <summary>The analytics export reads the council's whole event log back (its first page): on a platform many other
    /// tests write to, the test's own citizen may fall outside it.</summary>
    public const string Analytics = "end-to-end: analytics export";
}

[CollectionDefinition(Collections.Requests)]
public sealed class RequestsCollection : ICollectionFixture<Platform>;

[CollectionDefinition(Collections.OfficeDay)]
public sealed class OfficeDayCollection : ICollectionFixture<Platform>;

[CollectionDefinition(Collections.Slots)]
public sealed class SlotsCollection : ICollectionFixture<Platform>;

[CollectionDefinition(Collections.Erasure)]
public sealed class ErasureCollection : ICollectionFixture<Platform>;

[CollectionDefinition(Collections.Analytics)]
public sealed class AnalyticsCollection : ICollectionFixture<Platform>;
