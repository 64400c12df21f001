using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Campaigns;
using Omnichannel.Procedures.Catalogue.Browsing;
using Omnichannel.Procedures.Catalogue.Publishing;
using Omnichannel.Procedures.Catalogue.Revising;
using Omnichannel.Procedures.Catalogue.Withdrawing;

namespace Omnichannel.Procedures.Catalogue;

public static class CatalogueApi
{
    public static RouteGroupBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/procedures").WithTags("Catalogue").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapGet("/", ListProcedures).WithName("ListProcedures")
            .WithSummary("Lists the catalogue, filtered by channel, category and text in any language.");
        api.MapGet("/{code}", GetProcedure).WithName("GetProcedure")
            .WithSummary("One procedure, with its ETag for revisions.");
        api.MapPost("/", PublishProcedure).WithName("PublishProcedure")
            .WithSummary("Publishes a new procedure (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ProcedureRequest>();
        api.MapPut("/{code}", ReviseProcedure).WithName("ReviseProcedure")
            .WithSummary("Revises a procedure; send If-Match with the ETag you read (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ProcedureRequest>();
        api.MapPost("/{code}/withdrawal", WithdrawProcedure).WithName("WithdrawProcedure")
            .WithSummary("Withdraws a procedure from the catalogue (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        return api;
    }

    public sealed record ProcedurePage(IReadOnlyList<ProcedureView> Items, int Total, int Page, int PageSize);

    private static async Task<Results<Ok<ProcedurePage>, ValidationProblem>> ListProcedures(
        IQuerySession session, TimeProvider clock,
        string? channel, string? category, string? text,
        bool includeWithdrawn = false, bool includeOutOfSeason = false, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        if (channel is not null && !Channels.ProcedureChannels.Contains(channel))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = [$"Unknown channel; use one of: {string.Join(", ", Channels.ProcedureChannels)}."] });
        if (page < 1 || pageSize is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["page starts at 1; pageSize is between 1 and 500."] });

        // A council's catalogue is a few hundred entries: filtering in memory keeps the accent-insensitive
        // matching in one place (ProcedureView.Matches) at no measurable cost.
        var all = await session.Query<ProcedureView>().ToListAsync(ct);
        var outOfSeason = includeOutOfSeason ? new HashSet<string>() : await OutOfSeasonProcedures(session, clock, ct);
        var matching = all
            .Where(p => includeWithdrawn || !p.Withdrawn)
            .Where(p => !outOfSeason.Contains(p.Code))
            .Where(p => channel is null || p.Channels.Contains(channel))
            .Where(p => category is null || p.Category == category)
            .Where(p => string.IsNullOrWhiteSpace(text) || p.Matches(text))
            .OrderBy(p => p.Names.Ca, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ca-ES"), true))
            .ToList();
        return TypedResults.Ok(new ProcedurePage(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), matching.Count, page, pageSize));
    }

    /// <summary>Procedures that belong only to campaigns that are not open today.</summary>
    private static async Task<IReadOnlySet<string>> OutOfSeasonProcedures(IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Madrid).DateTime);
        var campaigns = await session.Query<CampaignView>().ToListAsync(ct);
        var open = campaigns.Where(c => c.IsOpenOn(today)).SelectMany(c => c.ProcedureCodes).ToHashSet();
        return campaigns.Where(c => !c.IsOpenOn(today)).SelectMany(c => c.ProcedureCodes).Where(code => !open.Contains(code)).ToHashSet();
    }

    internal static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    private static async Task<IResult> GetProcedure(string code, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(code), ct)
            ?? throw Rejection.NotFound($"There is no procedure '{code}'.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> PublishProcedure(ProcedureRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new PublishProcedure(request.Code!, request.ToDetails(), clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Procedure.StreamKey(command.Code), Procedure.Initial, Procedure.Evolve,
            state => PublishProcedureDecision.Decide(command, state), ct);
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Created($"/api/procedures/{command.Code}", new { command.Code, result.Version });
    }

    private static async Task<IResult> ReviseProcedure(string code, ProcedureRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request.Code != code) throw Rejection.Invalid("code", $"The body's code '{request.Code}' differs from the address's '{code}'.");
        var command = new ReviseProcedure(code, request.ToDetails(), clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Procedure.StreamKey(code), Procedure.Initial, Procedure.Evolve,
            state => ReviseProcedureDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new { code, result.Version, Changed = result.Events.Count > 0 });
    }

    private static async Task<IResult> WithdrawProcedure(string code, [FromBody] WithdrawRequest? request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new WithdrawProcedure(code, request?.Reason?.Trim() ?? "", clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Procedure.StreamKey(code), Procedure.Initial, Procedure.Evolve,
            state => WithdrawProcedureDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        return TypedResults.Ok(new { code, result.Version });
    }
}
