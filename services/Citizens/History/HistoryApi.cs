using Marten;
using Marten.Pagination;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Registration;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

public static class HistoryApi
{
    public sealed record HistoryLine(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    public sealed record HistoryPage(Guid CitizenId, string Language, IReadOnlyList<HistoryLine> Entries, long Total, int Page, int PageSize);

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/citizens").WithTags("History").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapGet("/{citizenId:guid}/history", GetHistory).WithName("GetCitizenHistory")
            .WithSummary("The citizen's interactions across every channel, newest first, in their language (or ?lang=).");
        return api;
    }

    private static async Task<IResult> GetHistory(Guid citizenId, IQuerySession session, string? lang, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        if (lang is not null && !LocalizedText.Languages.Contains(lang)) throw Rejection.Invalid("lang", $"Use one of: {string.Join(", ", LocalizedText.Languages)}.");
        if (page < 1) throw Rejection.Invalid("page", "Pages start at 1.");
        if (pageSize is < 1 or > 200) throw Rejection.Invalid("pageSize", "Between 1 and 200.");

        var citizen = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct)
            ?? throw Rejection.NotFound("There is no such citizen.");
        var language = lang ?? citizen.Preferences.Language;
        var entries = await session.Query<HistoryEntry>()
            .Where(h => h.CitizenId == citizenId)
            .OrderByDescending(h => h.At)
            .ToPagedListAsync(page, pageSize, ct);
        return TypedResults.Ok(new HistoryPage(citizenId, language,
            entries.Select(h => new HistoryLine(h.At, h.Channel, h.Service, h.Kind, h.Text.In(language), h.Reference)).ToList(),
            entries.TotalItemCount, page, pageSize));
    }
}
