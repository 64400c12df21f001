using Marten;
using Marten.Pagination;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.LookingUp;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>A citizen's history as they read it: newest first, each line in one language.</summary>
public static class TimelineEndpoint
{
    public sealed record TimelineEntry(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    public sealed record TimelinePage(Guid CitizenId, string Language, IReadOnlyList<TimelineEntry> Entries, long Total, int Page, int PageSize);

    public static async Task<IResult> Handle(Guid citizenId, IQuerySession session, string? lang, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        if (lang is not null && !LocalizedText.Languages.Contains(lang)) throw Rejection.Invalid("lang", $"Use one of: {string.Join(", ", LocalizedText.Languages)}.");
        if (page < 1) throw Rejection.Invalid("page", "Pages start at 1.");
        if (page > 100_000) throw Rejection.Invalid("page", "At most page 100000."); // the offset must not overflow
        if (pageSize is < 1 or > 200) throw Rejection.Invalid("pageSize", "Between 1 and 200.");

        var citizen = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct)
            ?? throw Rejection.NotFound("There is no such citizen.");
        var language = lang ?? citizen.Preferences.Language;
        var entries = await session.Query<HistoryEntry>()
            .Where(h => h.CitizenId == citizenId)
            .OrderByDescending(h => h.At)
            .ToPagedListAsync(page, pageSize, ct);
        return TypedResults.Ok(new TimelinePage(citizenId, language,
            entries.Select(h => new TimelineEntry(h.At, h.Channel, h.Service, h.Kind, h.Text.In(language), h.Reference)).ToList(),
            entries.TotalItemCount, page, pageSize));
    }
}
