using FluentValidation;
using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Callbacks;

public sealed record CallbackRequest(Guid? CitizenId, string? Phone, DateTimeOffset? CallAt, string? ProcedureCode, string? Topic, string? Channel);
public sealed record CallbackOutcomeRequest(string? Outcome, string? Note);

public sealed class CallbackRequestValidator : AbstractValidator<CallbackRequest>
{
    public CallbackRequestValidator()
    {
        RuleFor(r => r.CitizenId).NotNull().Must(id => id != Guid.Empty).WithMessage("Not a citizen id.");
        RuleFor(r => r.Phone).NotEmpty().Matches(@"^\+?[0-9 ]{9,20}$").WithMessage("A phone number, e.g. 612 345 678.");
        RuleFor(r => r.CallAt).NotNull();
        RuleFor(r => r.ProcedureCode).MaximumLength(100);
        RuleFor(r => r.Topic).MaximumLength(500);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.InteractionChannels.Contains(c)).WithMessage("Unknown channel.");
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

    private static async Task<IResult> Request(CallbackRequest request, IDocumentSession session, IBusinessCalendars calendars, CitizenCheck citizens, TimeProvider clock, CancellationToken ct)
    {
        await citizens.EnsureExistsAsync(session, request.CitizenId!.Value, ct);
        var command = new RequestCallback(Guid.NewGuid(), request.CitizenId!.Value, request.Phone!.Trim(), request.CallAt!.Value, request.ProcedureCode, request.Topic?.Trim(), request.Channel!, clock.GetUtcNow());
        await session.DecideAndAppendAsync(CallbackState.StreamKey(command.CallbackId), CallbackState.Initial, CallbackState.Evolve,
            state => CallbackDecisions.Decide(command, state, calendars.For("phone")), ct);
        return TypedResults.Created($"/api/appointments/callbacks/{command.CallbackId}", new RequestedCallback(command.CallbackId, command.CallAt));
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
