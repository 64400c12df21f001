using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Queues.Offices;

public static class OfficesApi
{
    public static RouteGroupBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queues/offices").WithTags("Offices").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapGet("/", ListOffices).WithName("ListOffices").WithSummary("The council's offices with their service lines and rules.");
        api.MapGet("/{officeId}", GetOffice).WithName("GetOffice").WithSummary("One office, its lines and rules.");
        api.MapPut("/{officeId}", ConfigureOffice).WithName("ConfigureOffice")
            .WithSummary("Creates or changes an office's lines (letters, names) and rules: Point 0 and general maximum minutes, the walk-in wait threshold, calls before a no-show (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ConfigureOfficeRequest>();
        return api;
    }

    private static async Task<IResult> ListOffices(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await session.Query<OfficeView>().OrderBy(o => o.OfficeId).ToListAsync(ct));

    private static async Task<IResult> GetOffice(string officeId, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await session.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct) ?? throw Rejection.NotFound($"There is no office '{officeId}'."));

    private static async Task<IResult> ConfigureOffice(string officeId, ConfigureOfficeRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!BuildingBlocks.Context.RequestContext.IsValidTenantId(officeId)) throw Rejection.Invalid("officeId", "Office ids are lower-case letters, digits and dashes.");
        var command = request.ToCommand(officeId, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => OfficeDecisions.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new { officeId, result.Version });
    }
}
