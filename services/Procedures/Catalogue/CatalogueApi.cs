using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Procedures.Catalogue.Browsing;
using Omnichannel.Procedures.Catalogue.Publishing;
using Omnichannel.Procedures.Catalogue.Revising;
using Omnichannel.Procedures.Catalogue.Withdrawing;

namespace Omnichannel.Procedures.Catalogue;

/// <summary>The catalogue's routes; each handler lives in its use case's folder.</summary>
public static class CatalogueApi
{
    public static RouteGroupBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/procedures").WithTags("Catalogue").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapGet("/", BrowseCatalogueEndpoints.List).WithName("ListProcedures")
            .WithSummary("Lists the catalogue, filtered by channel, category and text in any language.");
        api.MapGet("/{code}", BrowseCatalogueEndpoints.One).WithName("GetProcedure")
            .WithSummary("One procedure, with its ETag for revisions.").Produces<ProcedureView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", PublishProcedureEndpoint.Handle).WithName("PublishProcedure")
            .WithSummary("Publishes a new procedure (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ProcedureRequest>()
            .Produces<ProcedureVersion>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{code}", ReviseProcedureEndpoint.Handle).WithName("ReviseProcedure").TakesIfMatch()
            .WithSummary("Revises a procedure; send If-Match with the ETag you read (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ProcedureRequest>()
            .Produces<ProcedureRevision>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{code}/withdrawal", WithdrawProcedureEndpoint.Handle).WithName("WithdrawProcedure").TakesIfMatch()
            .WithSummary("Withdraws a procedure from the catalogue (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<ProcedureVersion>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
