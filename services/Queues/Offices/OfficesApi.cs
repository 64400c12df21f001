using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Queues.Offices.Configuring;
using Omnichannel.Queues.Offices.Listing;

namespace Omnichannel.Queues.Offices;

/// <summary>Offices come from the office directory (appointments); here their lines and rules are configured.</summary>
public static class OfficesApi
{
    public static RouteGroupBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queues/offices").WithTags("Offices").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapGet("/", ListOfficesEndpoints.List).WithName("ListOffices").WithSummary("The council's offices (from the office directory) with their service lines and rules.").Produces<List<OfficeView>>();
        api.MapGet("/{officeId}", ListOfficesEndpoints.Get).WithName("GetOffice").WithSummary("One office, its address, calendar, closure days, lines and rules.").Produces<OfficeView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{officeId}", ConfigureOfficeEndpoint.Handle).WithName("ConfigureOffice").TakesIfMatch()
            .WithSummary("Configures the lines (letters, names) and rules of an office the office directory registered: Point 0 and general maximum minutes, "
                + "the walk-in wait threshold, calls before a no-show (staff). An office the directory does not know is a 404.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ConfigureOfficeRequest>()
            .Produces<ConfiguredOffice>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
