using Omnichannel.Appointments.Slots;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices;

public sealed record RegisterOfficeRequest(string? OfficeId, LocalizedText? Name, string? Address, string? Calendar, int? Desks);
public sealed record ServeProcedureRequest(int? Desks);
public sealed record ClosureRequest(DateOnly? Date, string? Reason);

public sealed class RegisterOfficeRequestValidator : AbstractValidator<RegisterOfficeRequest>
{
    public RegisterOfficeRequestValidator()
    {
        RuleFor(r => r.OfficeId).NotEmpty().Matches("^[a-z0-9-]{2,60}$").WithMessage("Lower-case letters, digits and hyphens (2 to 60).");
        RuleFor(r => r.Name).NotNull();
        RuleFor(r => r.Name!.Ca).NotEmpty().When(r => r.Name is not null);
        RuleFor(r => r.Name!.Es).NotEmpty().When(r => r.Name is not null);
        RuleFor(r => r.Name!.En).NotEmpty().When(r => r.Name is not null);
        RuleFor(r => r.Address).NotEmpty().MaximumLength(300);
        RuleFor(r => r.Calendar).NotEmpty();
        RuleFor(r => r.Desks).NotNull().InclusiveBetween(1, 200);
    }
}

public sealed class ServeProcedureRequestValidator : AbstractValidator<ServeProcedureRequest>
{
    public ServeProcedureRequestValidator() => RuleFor(r => r.Desks).NotNull().InclusiveBetween(0, 200);
}

public sealed class ClosureRequestValidator : AbstractValidator<ClosureRequest>
{
    public ClosureRequestValidator()
    {
        RuleFor(r => r.Date).NotNull();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(300);
    }
}

public static class OfficesApi
{
    public static RouteGroupBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments/offices").WithTags("Offices").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapGet("/", List).WithName("ListOffices").WithSummary("Offices that give appointments, with the procedures each serves and how many desks.");
        api.MapPost("/", Register).WithName("RegisterOffice").WithSummary("Registers an office (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<RegisterOfficeRequest>();
        api.MapPut("/{officeId}", Changing.ChangeOfficeEndpoint.Handle).WithName("ChangeOffice")
            .WithSummary("Changes an office's name (ca/es/en), address, business calendar or desks (staff); If-Match with its ETag guards against lost updates. "
                + "Queues and the kiosk fleet hear of it (OfficeChanged).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Changing.ChangeOfficeRequest>();
        api.MapPut("/{officeId}/procedures/{procedureCode}", Serve).WithName("ServeProcedure")
            .WithSummary("Sets how many desks of the office give appointments for a procedure; 0 stops it (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ServeProcedureRequest>();
        api.MapPost("/{officeId}/closures", Close).WithName("DeclareClosure")
            .WithSummary("Closes the office for a day (staff). Shortly after, the council moves every held or booked appointment that day to the "
                + "nearest free slot for its procedure — the same office on a later open day, else another office serving it — or, when none is free "
                + "within the booking horizon, cancels it with this reason; each citizen is told in their language on their preferred channel.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ClosureRequest>();
        return api;
    }

    private static async Task<IResult> List(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<OfficeView>().ToListAsync(ct)).OrderBy(o => o.OfficeId, StringComparer.Ordinal));

    private static async Task<IResult> Register(RegisterOfficeRequest request, IDocumentSession session, SlotSearchCache searches, IBusinessCalendars calendars, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new RegisterOffice(request.OfficeId!, request.Name!, request.Address!.Trim(), request.Calendar!, request.Desks!.Value, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(command.OfficeId), OfficeState.Initial, OfficeState.Evolve,
            state => OfficeDecisions.Decide(command, state, calendars.Names), ct);
        searches.SlotsChanged(session.TenantId);
        return TypedResults.Created($"/api/appointments/offices/{command.OfficeId}", new { command.OfficeId, result.Version });
    }

    private static async Task<IResult> Serve(string officeId, string procedureCode, ServeProcedureRequest request, IDocumentSession session, SlotSearchCache searches, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ServeProcedure(officeId, procedureCode, request.Desks!.Value, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => OfficeDecisions.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        searches.SlotsChanged(session.TenantId);
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new { officeId, procedureCode, desks = command.Desks, result.Version });
    }

    private static async Task<IResult> Close(string officeId, ClosureRequest request, IDocumentSession session, SlotSearchCache searches, IBusinessCalendars calendars, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var command = new DeclareClosure(officeId, request.Date!.Value, request.Reason!.Trim(), now, http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => OfficeDecisions.Decide(command, state, calendars.For("on-site").LocalDate(now)), ct);
        searches.SlotsChanged(session.TenantId);
        return TypedResults.Ok(new { officeId, date = command.Date, result.Version });
    }
}
