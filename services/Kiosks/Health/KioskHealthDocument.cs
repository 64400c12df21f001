using Marten;

namespace Omnichannel.Kiosks.Health;

/// <summary>The stored health of one kiosk (id: the kiosk id). Saved with optimistic concurrency, so a heartbeat and the
/// offline watcher (or two replicas) deciding on the same health at once cannot both win: one save fails and is retried.</summary>
public sealed class KioskHealthDocument
{
    public string Id { get; set; } = "";
    /// <summary>The council, for the watcher that goes over every council's kiosks.</summary>
    public string Council { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public Connection Connection { get; set; }
    public KioskHealth Health { get; set; } = null!;
}

internal static class KioskHealthStore
{
    /// <summary>Applies decided events: the changes go to the health stream (and on as integration events), the folded
    /// health to the document. Not saved: the caller saves.</summary>
    public static void Stage(IDocumentSession session, KioskHealthDocument document, IReadOnlyList<object> events)
    {
        var changes = events.Where(e => e is not HeartbeatTaken).ToArray();
        if (changes.Length > 0) session.Events.Append(KioskHealth.StreamKey(document.Id), changes);
        document.Health = events.Aggregate(document.Health, KioskHealth.Evolve);
        document.Connection = document.Health.Connection;
        session.Store(document);
    }
}
