using Omnichannel.Appointments.WaitingRoom.Joining;
using Omnichannel.Appointments.WaitingRoom.Opening;
using Omnichannel.Appointments.WaitingRoom.Waiting;
using Omnichannel.Appointments.WaitingRoom.Watching;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;

namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>The waiting room's routes; each handler lives in its use case's folder.</summary>
public static class WaitingRoomApi
{
    public static RouteGroupBuilder MapWaitingRoomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments/waiting-rooms").WithTags("Waiting room").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapPut("/{procedureCode}", OpenBookingWindowEndpoint.Handle).WithName("OpenBookingWindow").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .WithSummary("Opens a procedure's booking window now or at a set time: from then on its bookings for those days go through the waiting room, in arrival order.")
            .Validate<OpenWindowRequest>().Produces<RoomView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{procedureCode}", WatchRoomEndpoint.Handle).WithName("WatchWaitingRoom").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .WithSummary("The room live: waiting, admitted, booked, left, refused, and each client's share of the bookings.")
            .Produces<RoomView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{procedureCode}/challenge", JoinWaitingRoomEndpoint.Challenge).WithName("WaitingRoomChallenge")
            .WithSummary("The proof-of-work challenge to join, where the council asks for one (bits 0: none).")
            .Produces<JoinChallenge>();
        api.MapPost("/{procedureCode}/entries", JoinWaitingRoomEndpoint.Handle).WithName("JoinWaitingRoom")
            .WithSummary("Takes a place in line for a citizen (the same place when asked again): its position, estimated wait and queue token.")
            .Validate<JoinRequest>().Produces<Turn>(StatusCodes.Status201Created).Produces<Turn>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{procedureCode}/turn", SeeTurnEndpoint.Handle).WithName("SeeTurn")
            .WithSummary("The place of the queue token's holder, and a fresh token; with wait, answers when the place changes or the time is up.")
            .Produces<Turn>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{procedureCode}/turn/leaving", SeeTurnEndpoint.Leave).WithName("LeaveWaitingRoom")
            .WithSummary("Leaves the line, or gives an unused turn back: the next client comes in.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}

public static class WaitingRoomSetup
{
    public static IServiceCollection AddWaitingRoom(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WaitingRoomOptions>().Bind(configuration.GetSection(WaitingRoomOptions.Section))
            .Validate(o => o.IsValid(), $"{WaitingRoomOptions.Section}:TokenKey (a secret of at least 32 characters) and positive limits are needed.")
            .ValidateOnStart();
        services.AddSingleton<WaitingRoomStore>();
        services.AddSingleton<JoinLine>();
        services.AddSingleton<Admitting.RoomCache>();
        services.AddScoped<Admitting.WaitingRoomGuard>();
        services.AddHostedService<WaitingRoomSchema>();
        services.AddSingleton<WaitingRoomSignals>();
        services.AddHostedService(sp => sp.GetRequiredService<WaitingRoomSignals>());
        return services;
    }
}

/// <summary>Creates the room's tables and functions before the service takes requests.</summary>
internal sealed class WaitingRoomSchema(WaitingRoomStore store) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => store.InitializeAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
