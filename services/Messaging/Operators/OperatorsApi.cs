using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.Messaging.CodeThrottling;
using Omnichannel.Messaging.Operators.Claiming;
using Omnichannel.Messaging.Operators.Closing;
using Omnichannel.Messaging.Operators.HandingOver;
using Omnichannel.Messaging.Operators.Inbox;
using Omnichannel.Messaging.Operators.Replying;

namespace Omnichannel.Messaging.Operators;

/// <summary>The operators' routes (staff only) and their services.</summary>
public static class OperatorsApi
{
    public static WebApplicationBuilder AddOperatorServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OperatorOptions>().Bind(builder.Configuration.GetSection(OperatorOptions.Section))
            .Validate<Omnichannel.BuildingBlocks.Calendar.IBusinessCalendars>((o, calendars) => calendars.Names.Contains(o.Calendar, StringComparer.OrdinalIgnoreCase),
                "Messaging:Operators:Calendar must name a calendar of BusinessCalendar:Calendars.")
            .ValidateOnStart();
        services.AddOptions<CodeThrottleOptions>().Bind(builder.Configuration.GetSection(CodeThrottleOptions.Section))
            .Validate(o => o.WrongCodes > 0 && o.Window > TimeSpan.Zero, "Messaging:CodeThrottle needs WrongCodes > 0 and a positive Window.")
            .ValidateOnStart();
        services.AddSingleton<OperatorHours>();
        services.AddSingleton<WrongCodeThrottle>();
        services.AddScoped<OperatorDesk>();
        return builder;
    }

    public static RouteGroupBuilder MapOperatorsApi(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/messaging/operators/handovers").WithTags("Operators").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        operators.MapGet("/", ListHandoversEndpoints.List).WithName("ListHandovers")
            .WithSummary("Conversations handed over to people, the longest waiting first; stage=waiting or claimed (staff).")
            .Produces<List<HandoverItem>>().ProducesValidationProblem();
        operators.MapGet("/{handoverId:guid}", ListHandoversEndpoints.Get).WithName("GetHandover")
            .WithSummary("A hand-over with the conversation's last lines and its ETag (staff).")
            .Produces<HandoverDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        operators.MapPost("/{handoverId:guid}/claim", ClaimHandoverEndpoint.Handle).WithName("ClaimHandover").TakesIfMatch()
            .WithSummary("Takes the conversation; 409 if another operator has it (staff; If-Match).").ProducesStep();
        operators.MapPost("/{handoverId:guid}/replies", ReplyToCitizenEndpoint.Handle).WithName("ReplyToHandover").TakesIfMatch()
            .WithSummary("Answers the citizen on the conversation's own channel; only the operator who claimed it (staff; If-Match).")
            .Validate<OperatorReplyRequest>().ProducesStep();
        operators.MapPost("/{handoverId:guid}/closing", CloseHandoverEndpoint.Handle).WithName("CloseHandover").TakesIfMatch()
            .WithSummary("Ends the hand-over: the conversation is back with the keywords (staff; If-Match).").ProducesStep();
        return operators;
    }

    private static RouteHandlerBuilder ProducesStep(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<HandoverStep>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
