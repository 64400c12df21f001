namespace Omnichannel.Appointments.Booking;

/// <summary>Events decided for one stream; a decision touching several streams returns one per stream, and they are
/// appended in one transaction, each at the version it was read.</summary>
public sealed record Change(string StreamKey, IReadOnlyList<object> Events)
{
    public static IReadOnlyList<object> For(IReadOnlyList<Change> changes, string streamKey) =>
        changes.Where(c => c.StreamKey == streamKey).SelectMany(c => c.Events).ToList();
}
