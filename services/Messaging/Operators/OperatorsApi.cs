using Omnichannel.BuildingBlocks.PersonalData;
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
        services.AddOptions<Media.ReplyMediaOptions>().Bind(builder.Configuration.GetSection(Media.ReplyMediaOptions.Section))
            .Validate(o => o.MaxPhotoBytes > 0 && o.MaxDocumentBytes > 0, "Messaging:Media needs positive MaxPhotoBytes and MaxDocumentBytes.")
            .ValidateOnStart();
        services.AddSingleton<Media.ReplyMediaStore>();
        return builder;
    }

    public static RouteGroupBuilder MapOperatorsApi(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/messaging/operators/handovers").WithTags("Operators").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        operators.MapGet("/", ListHandoversEndpoints.List).WithName("ListHandovers")
            .WithSummary("Conversations handed over to people, the longest waiting first; stage=waiting or claimed (staff).")
            .Produces<List<HandoverItem>>().ProducesValidationProblem();
        operators.MapGet("/{handoverId:guid}", ListHandoversEndpoints.Get).WithName("GetHandover").RecordsPersonalDataRead("conversation", sensitive: true)
            .WithSummary("A hand-over with the conversation's last lines and its ETag (staff).")
            .Produces<HandoverDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        operators.MapGet("/{handoverId:guid}/attachments/{sha256}", ListHandoversEndpoints.Attachment).WithName("GetHandoverAttachment").RecordsPersonalDataRead("conversation-file", sensitive: true)
            .WithSummary("Downloads a file the citizen sent in the conversation (an e-mail's attachment, a chat's photo, video or document), by its SHA-256, with its content type (staff).")
            .Produces<byte[]>(StatusCodes.Status200OK, Omnichannel.BuildingBlocks.Files.FileTypes.All[0].ContentType, [.. Omnichannel.BuildingBlocks.Files.FileTypes.All.Skip(1).Select(t => t.ContentType)])
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        operators.MapPost("/{handoverId:guid}/claim", ClaimHandoverEndpoint.Handle).WithName("ClaimHandover").TakesIfMatch()
            .WithSummary("Takes the conversation; 409 if another operator has it (staff; If-Match).").ProducesStep();
        operators.MapPost("/{handoverId:guid}/replies", ReplyToCitizenEndpoint.Handle).WithName("ReplyToHandover").TakesIfMatch()
            .WithSummary("Answers the citizen on the conversation's own channel; only the operator who claimed it (staff; If-Match).")
            .Validate<OperatorReplyRequest>().ProducesStep();
        operators.MapPost("/{handoverId:guid}/media", ReplyWithMediaEndpoint.Handle).WithName("ReplyToHandoverWithMedia").TakesIfMatch()
            .WithSummary("Sends the citizen a photo (JPEG, PNG) or a document (PDF), judged by its content, with an optional caption, on the conversation's own channel (multipart/form-data: 'file', 'caption'); only the operator who claimed it (staff; If-Match).")
            .AcceptsMediaUpload().ProducesStep()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesValidationProblem();
        operators.MapPost("/{handoverId:guid}/closing", CloseHandoverEndpoint.Handle).WithName("CloseHandover").TakesIfMatch()
            .WithSummary("Ends the hand-over: the conversation is back with the keywords (staff; If-Match).").ProducesStep();
        app.MapAccessLog("/api/messaging");
        return operators;
    }

    /// <summary>A multipart upload, described in the document only: routing's own content-type check would refuse any
    /// other body with a bare 415, where the handler says how to send it (and no antiforgery: bearer tokens only).</summary>
    private static RouteHandlerBuilder AcceptsMediaUpload(this RouteHandlerBuilder endpoint) => endpoint
        .DisableAntiforgery()
        .AddOpenApiOperationTransformer((operation, context, ct) =>
        {
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Description = "The file in the part 'file' (a JPEG or PNG photo, or a PDF document, judged by its content) and an optional 'caption'.",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new Microsoft.OpenApi.OpenApiSchema
                        {
                            Type = Microsoft.OpenApi.JsonSchemaType.Object,
                            Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                            {
                                [ReplyWithMediaEndpoint.FilePart] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                                [ReplyWithMediaEndpoint.CaptionPart] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 1024 },
                            },
                            Required = new HashSet<string> { ReplyWithMediaEndpoint.FilePart },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder ProducesStep(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<HandoverStep>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
