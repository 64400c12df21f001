using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Appointments.Offices;

/// <summary>The office directory: appointments owns offices (queues and the kiosk fleet keep views from its events).
/// Each use case is in its folder; this only maps the routes.</summary>
public static class OfficesApi
{
    public static RouteGroupBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments/offices").WithTags("Offices").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapGet("/", Listing.ListOfficesEndpoint.Handle).WithName("ListOffices").WithSummary("Offices that give appointments, with the procedures each serves and how many desks.").Produces<List<OfficeView>>();
        api.MapPost("/", Registering.RegisterOfficeEndpoint.Handle).WithName("RegisterOffice").WithSummary("Registers an office (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Registering.RegisterOfficeRequest>()
            .Produces<OfficeVersion>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{officeId}", Changing.ChangeOfficeEndpoint.Handle).WithName("ChangeOffice").TakesIfMatch()
            .WithSummary("Changes an office's name (ca/es/en), address, business calendar or desks (staff); If-Match with its ETag guards against lost updates. "
                + "Queues and the kiosk fleet hear of it (OfficeChanged).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Changing.ChangeOfficeRequest>()
            .Produces<OfficeVersion>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{officeId}/procedures/{procedureCode}", ServingProcedures.ServeProcedureEndpoint.Handle).WithName("ServeProcedure").TakesIfMatch()
            .WithSummary("Sets how many desks of the office give appointments for a procedure; 0 stops it (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ServingProcedures.ServeProcedureRequest>()
            .Produces<ServingProcedures.ServedProcedure>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{officeId}/closures", Closing.DeclareClosureEndpoint.Handle).WithName("DeclareClosure")
            .WithSummary("Closes the office for a day (staff). Shortly after, the council moves every held or booked appointment that day to the "
                + "nearest free slot for its procedure — the same office on a later open day, else another office serving it — or, when none is free "
                + "within the booking horizon, cancels it with this reason; each citizen is told in their language on their preferred channel.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Closing.ClosureRequest>()
            .Produces<Closing.DeclaredClosure>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{officeId}/appointments", LookingUp.OfficeDayEndpoint.Handle).WithName("OfficeDayAppointments")
            .WithSummary("The office's appointments of a local day (default today), by time, for checking citizens in (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<List<Booking.AppointmentReply>>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
