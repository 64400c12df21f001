using FluentValidation;
using Grpc.Core;
using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Citizens.V1;

namespace Omnichannel.Appointments.Callbacks;

public sealed record CallbackRequest(Guid? CitizenId, string? Phone, DateTimeOffset? CallAt, string? ProcedureCode, string? Topic, string? Channel);
public sealed record CallbackOutcomeRequest(string? Outcome, string? Note);

public sealed class CallbackRequestValidator : AbstractValidator<CallbackRequest>
{
    public CallbackRequestValidator()
    {
        RuleFor(r => r.CitizenId).NotNull().Must(id => id != Guid.Empty).WithMessage("Not a citizen id.");
        // Optional: without one, the citizen's own phone is called (see CallbackDecisions.PhoneToCall); parsed in the handler.
        RuleFor(r => r.Phone).MaximumLength(40);
        RuleFor(r => r.CallAt).NotNull();
        RuleFor(r => r.ProcedureCode).MaximumLength(CallbackDecisions.ProcedureCodeMaxLength);
        RuleFor(r => r.Topic).MaximumLength(500);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c)).WithMessage(Channels.UnknownMessage);
    }
}

public sealed class CallbackOutcomeRequestValidator : AbstractValidator<CallbackOutcomeRequest>
{
    public CallbackOutcomeRequestValidator()
    {
        RuleFor(r => r.Outcome).NotEmpty().Must(o => o is null || CallbackDecisions.Outcomes.Contains(o)).WithMessage("Use 'done' or 'failed'.");
        RuleFor(r => r.Note).MaximumLength(1000);
    }
}

public static class CallbacksApi
{
    public static RouteGroupBuilder MapCallbacksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments/callbacks").WithTags("Callbacks").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapPost("/", Request).WithName("RequestCallback")
            .WithSummary("\"Call me\": a citizen asks for a phone call at an agreed time within the phone service's hours.")
            .Validate<CallbackRequest>()
            .Produces<RequestedCallback>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", List).WithName("ListCallbacks")
            .WithSummary("The phone agents' callback list for a local day (default today), pending first (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<List<CallbackView>>();
        api.MapPost("/{callbackId:guid}/outcome", Outcome).WithName("CompleteCallback")
            .WithSummary("Marks a callback done or failed (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Validate<CallbackOutcomeRequest>()
            .Produces<CallbackOutcomeReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Request(CallbackRequest request, IDocumentSession session, IBusinessCalendars calendars, CitizenCheck citizens,
        CitizenDirectory.CitizenDirectoryClient directory, ProcedureCatalogueClient catalogue, CouncilPhoneRegion phones, TimeProvider clock, CancellationToken ct)
    {
        var citizenId = request.CitizenId!.Value;
        var given = request.Phone is { } typed ? phones.ToE164(typed, "phone") : null;
        await citizens.EnsureExistsAsync(session, citizenId, ct);
        var phone = CallbackDecisions.PhoneToCall(given, given is null ? await PhoneOnRecordAsync(directory, citizenId, ct) : null);
        var procedureCode = request.ProcedureCode?.Trim();
        if (procedureCode is { Length: > 0 } && await catalogue.FindAsync(procedureCode, ct) is null)
            throw Rejection.Invalid("procedureCode", "There is no procedure with this code in the catalogue.");
        var command = new RequestCallback(Guid.NewGuid(), citizenId, phone, request.CallAt!.Value, procedureCode is { Length: > 0 } ? procedureCode : null,
            request.Topic?.Trim(), request.Channel!, clock.GetUtcNow());
        await session.DecideAndAppendAsync(CallbackState.StreamKey(command.CallbackId), CallbackState.Initial, CallbackState.Evolve,
            state => CallbackDecisions.Decide(command, state, calendars.For("phone")), ct);
        return TypedResults.Created($"/api/appointments/callbacks/{command.CallbackId}", new RequestedCallback(command.CallbackId, command.CallAt));
    }

    /// <summary>The phone the citizens service has for the citizen ("" when none); an outage is a 503, not "no phone".</summary>
    private static async Task<string?> PhoneOnRecordAsync(CitizenDirectory.CitizenDirectoryClient directory, Guid citizenId, CancellationToken ct)
    {
        try
        {
            var reply = await directory.GetCitizenAsync(new GetCitizenRequest { CitizenId = citizenId.ToString() }, cancellationToken: ct);
            return reply.Phone;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw Rejection.Invalid("citizenId", "No citizen is registered with this id.");
        }
        catch (Exception e) when (NeighbourUnavailable.IsOutage(e, ct))
        {
            throw new NeighbourUnavailable("citizens", e);
        }
    }

    private static async Task<IResult> List(DateOnly? date, IQuerySession session, IBusinessCalendars calendars, TimeProvider clock, CancellationToken ct)
    {
        var phone = calendars.For("phone");
        var day = DatePolicy.Check("date", date) ?? phone.LocalDate(clock.GetUtcNow());
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), phone.TimeZone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var to = from.AddDays(1);
        var list = await session.Query<CallbackView>().Where(c => c.CallAt >= from && c.CallAt < to).ToListAsync(ct);
        return TypedResults.Ok(list.OrderBy(c => c.Outcome is not null).ThenBy(c => c.CallAt));
    }

    private static async Task<IResult> Outcome(Guid callbackId, CallbackOutcomeRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new CompleteCallback(callbackId, request.Outcome!, request.Note?.Trim(), http.User.Subject(), clock.GetUtcNow());
        var result = await session.DecideAndAppendAsync(CallbackState.StreamKey(callbackId), CallbackState.Initial, CallbackState.Evolve,
            state => CallbackDecisions.Decide(command, state), ct);
        return TypedResults.Ok(new CallbackOutcomeReply(callbackId, result.State.Outcome, result.Version));
    }
}

/// <summary>What a callback request answers: its id and the agreed time.</summary>
public sealed record RequestedCallback(Guid CallbackId, DateTimeOffset CallAt);

/// <summary>What marking a callback answers: its outcome and version.</summary>
public sealed record CallbackOutcomeReply(Guid CallbackId, string? Outcome, long Version);
