using FluentValidation;
using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;

namespace Omnichannel.Appointments.WaitingList.Joining;

public sealed record JoinWaitingListRequest(Guid? CitizenId);

public sealed class JoinWaitingListRequestValidator : AbstractValidator<JoinWaitingListRequest>
{
    public JoinWaitingListRequestValidator() => RuleFor(r => r.CitizenId).NotNull().NotEqual(Guid.Empty);
}

/// <summary>Where a citizen stands on a waiting list.</summary>
public sealed record WaitingListPlace(string ProcedureCode, string OfficeId, int Position, int Waiting);

/// <summary>A citizen who found nothing asks to be told (on their preferred channel, through messaging) when a place for
/// the procedure frees up at the office; in the order they asked.</summary>
public static class JoinWaitingListEndpoint
{
    public static async Task<IResult> Handle(string procedureCode, string officeId, JoinWaitingListRequest request, IDocumentStore store, CitizenCheck citizens,
        TimeProvider clock, CancellationToken ct)
    {
        var citizenId = request.CitizenId!.Value;
        await using var session = store.OpenTenantSession();
        var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct) ?? throw Rejection.NotFound($"There is no office '{officeId}'.");
        if (office.DesksFor(procedureCode) <= 0) throw Rejection.NotFound($"Office '{officeId}' does not give appointments for '{procedureCode}'.");
        await citizens.EnsureExistsAsync(session, citizenId, ct);
        var decided = await session.DecideAndAppendAsync(WaitingListState.StreamKey(procedureCode, officeId), WaitingListState.Initial, WaitingListState.Evolve,
            state => WaitingListDecision.Join(state, citizenId, procedureCode, officeId, clock.GetUtcNow()), ct);
        var place = new WaitingListPlace(procedureCode, officeId, decided.State.Waiting.ToList().IndexOf(citizenId) + 1, decided.State.Waiting.Count);
        return decided.Events.Count > 0
            ? TypedResults.Created($"/api/appointments/waiting-lists/{procedureCode}/offices/{officeId}", place)
            : TypedResults.Ok(place);
    }

    /// <summary>How many wait (staff).</summary>
    public static async Task<IResult> Count(string procedureCode, string officeId, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QueryTenantSession();
        var (state, _) = await session.LoadAsync(WaitingListState.StreamKey(procedureCode, officeId), WaitingListState.Initial, WaitingListState.Evolve, ct);
        return TypedResults.Ok(new WaitingListCount(procedureCode, officeId, state.Waiting.Count, state.Told.Count));
    }
}

public sealed record WaitingListCount(string ProcedureCode, string OfficeId, int Waiting, int Told);

public static class WaitingListApi
{
    public static RouteGroupBuilder MapWaitingListApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments/waiting-lists").WithTags("Waiting list")
            .RequireAuthorization(Omnichannel.BuildingBlocks.Auth.OmnichannelRoles.AnyClientPolicy);
        api.MapPost("/{procedureCode}/offices/{officeId}/entries", JoinWaitingListEndpoint.Handle).WithName("JoinWaitingList")
            .WithSummary("A citizen who found nothing asks to be told, on their preferred channel, when a place for the procedure frees up at the office (in the order asked).")
            .Validate<JoinWaitingListRequest>().Produces<WaitingListPlace>(StatusCodes.Status201Created).Produces<WaitingListPlace>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{procedureCode}/offices/{officeId}", JoinWaitingListEndpoint.Count).WithName("WaitingListCount")
            .RequireAuthorization(Omnichannel.BuildingBlocks.Auth.OmnichannelRoles.StaffPolicy)
            .WithSummary("How many citizens wait on the list, and how many were told of a freed place.").Produces<WaitingListCount>();
        return api;
    }
}
