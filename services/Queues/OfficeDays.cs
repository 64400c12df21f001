using Marten;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Queues.Offices;

namespace Omnichannel.Queues;

/// <summary>Where the queues service reads and decides on an office's day: the day is the local date of the
/// office's business calendar (Europe/Madrid), and the day's stream is folded once and caught up on each use.</summary>
public sealed class OfficeDays(IDocumentStore store, IBusinessCalendars calendars, IConfiguration configuration, TimeProvider clock)
{
    public HotStreams<OfficeDay> Streams { get; } = new(OfficeDay.Initial, OfficeDay.Evolve);

    private BusinessCalendar Calendar => calendars.For(configuration["Queues:Calendar"] ?? "on-site");

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => Calendar.LocalDate(Now);

    public DateOnly DayOf(DateTimeOffset instant) => Calendar.LocalDate(instant);

    /// <summary>The office's own business calendar (from the office directory); the service's (<c>Queues:Calendar</c>)
    /// when the directory named none or one this service is not configured with.</summary>
    public BusinessCalendar CalendarOf(OfficeState office) =>
        office.Calendar is { Length: > 0 } name && calendars.Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? calendars.For(name) : Calendar;

    public async Task<OfficeState> OfficeAsync(IQuerySession session, string officeId, CancellationToken ct)
    {
        var (office, _) = await session.LoadAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve, ct);
        return office.Exists ? office : throw BuildingBlocks.Domain.Rejection.NotFound($"There is no office '{officeId}'.");
    }

    public Task<(OfficeDay State, long Version)> LoadAsync(IQuerySession session, string officeId, DateOnly day, CancellationToken ct) =>
        Streams.LoadAsync(session, OfficeDay.StreamKey(officeId, day), ct);

    /// <summary>Decides on today's stream of the office, retrying on the state another desk just appended.</summary>
    public Task<StreamAppends.Decided<OfficeDay>> DecideAsync(string officeId, Func<OfficeDay, IReadOnlyList<object>> decide, CancellationToken ct) =>
        Streams.DecideAndAppendAsync(store, OfficeDay.StreamKey(officeId, Today), decide, ct);
}
