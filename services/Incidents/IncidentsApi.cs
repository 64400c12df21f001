using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Files;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Incidents.Attachments;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.Following;
using Omnichannel.Incidents.Inbox;
using Omnichannel.Incidents.Indicators;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Merging;
using Omnichannel.Incidents.Reporting;
using Omnichannel.Incidents.Workflow;
using Omnichannel.Incidents.Workflow.Answering;
using Omnichannel.Incidents.Workflow.Assigning;
using Omnichannel.Incidents.Workflow.Closing;
using Omnichannel.Incidents.Workflow.Escalating;
using Omnichannel.Incidents.Workflow.ProvidingInformation;
using Omnichannel.Incidents.Workflow.Rating;
using Omnichannel.Incidents.Workflow.Reopening;
using Omnichannel.Incidents.Workflow.RequestingInformation;
using Omnichannel.Incidents.Workflow.Resolving;
using Omnichannel.Incidents.Workflow.Triaging;

namespace Omnichannel.Incidents;

/// <summary>The incidents' routes; each handler lives in its use case's folder.</summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapPost("/", ReportIncidentEndpoint.Handle).WithName("ReportIncident")
            .WithSummary("Reports a question, a problem with an online procedure, a complaint, a suggestion or a technical incident from any channel; answers with its personal code.")
            .Validate<ReportIncidentRequest>()
            .Produces<ReportIncidentEndpoint.ReportedReply>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/by-code/{code}", LookUpIncidentEndpoints.ByCode).WithName("GetIncidentByCode")
            .WithSummary("Where an incident stands, by the personal code its reporter was given (no staff-only fields).")
            .Produces<PublicIncidentStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/by-code/{code}/information", ProvideInformationEndpoint.Handle).WithName("ProvideIncidentInformation")
            .WithSummary("The citizen gives the information asked for, on any channel; the SLA clocks count again.")
            .Validate<ProvideInformationRequest>().ProducesStep();
        api.MapPost("/by-code/{code}/reopening", ReopenIncidentEndpoint.Handle).WithName("ReopenIncident")
            .WithSummary("The citizen reopens a resolved incident within the council's reopening period.")
            .Validate<ReopenIncidentRequest>().ProducesStep();
        api.MapGet("/indicators/{month}", IndicatorsEndpoint.Handle).WithName("GetIncidentIndicators")
            .WithSummary("A month's figures for the transparency portal (no personal data): volume per channel and kind, first-answer percentiles in working hours, SLA compliance, resolution times, satisfaction; format=json (default) or csv.")
            .Produces<MonthlyIndicators>().Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        api.MapGet("/categories", ListCategoriesEndpoint.Handle).WithName("ListIncidentCategories")
            .WithSummary("The council's incident categories, with their names in Catalan, Spanish and English and whether a report must say where.")
            .Produces<List<IncidentCategory>>();
        api.MapPost("/{incidentId:guid}/followers", FollowIncidentEndpoint.Handle).WithName("FollowIncident")
            .WithSummary("A citizen follows an incident already reported nearby (by the id the report offered) instead of reporting it again; they hear of its outcome in their history.")
            .Validate<FollowIncidentRequest>().Produces<FollowIncidentEndpoint.FollowReply>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/by-code/{code}/rating", RateIncidentEndpoint.Handle).WithName("RateIncident")
            .WithSummary("The citizen rates the handling of a resolved incident from 1 to 5, with an optional comment, once, on any channel.")
            .Validate<RateIncidentRequest>().ProducesStep();
        api.MapPost("/by-code/{code}/attachments", AttachmentEndpoints.UploadByCode).WithName("AttachToIncidentByCode")
            .WithSummary("The reporter attaches an image, a screenshot or a short video (multipart/form-data, part 'file'), with the report or with an answer; its type is judged by its content. The same file twice is one attachment.")
            .AcceptsAttachment().Produces<AttachmentReply>(StatusCodes.Status201Created).Produces<AttachmentReply>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/by-code/{code}/attachments/{sha256}", AttachmentEndpoints.DownloadByCode).WithName("GetIncidentAttachmentByCode")
            .WithSummary("The reporter downloads a file of their incident, by its SHA-256, with its content type.")
            .ProducesAttachment().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var staff = api.MapGroup("").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        staff.MapGet("/", ListIncidentsEndpoints.Inbox).WithName("ListIncidents")
            .WithSummary("The inbox: incidents filtered by status, kind, team, channel, SLA state (on-time, at-risk, breached) and text in the description (any case), paged, soonest SLA due first (staff).")
            .Produces<InboxPage>().ProducesValidationProblem();
        staff.MapGet("/sla/at-risk", ListIncidentsEndpoints.AtRisk).WithName("ListIncidentsAtRisk")
            .WithSummary("Open incidents whose SLA clock runs out within the at-risk window (staff).").Produces<List<InboxItem>>();
        staff.MapGet("/sla/breached", ListIncidentsEndpoints.Breached).WithName("ListIncidentsBreached")
            .WithSummary("Open incidents whose SLA clock ran out (staff).").Produces<List<InboxItem>>();
        staff.MapGet("/{incidentId:guid}", LookUpIncidentEndpoints.ById).WithName("GetIncident").RecordsPersonalDataRead("incident-details", sensitive: true)
            .WithSummary("An incident with every step, its SLA clocks and its ETag (staff).")
            .Produces<IncidentView>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/{incidentId:guid}/triage", TriageIncidentEndpoint.Handle).WithName("TriageIncident").TakesIfMatch()
            .WithSummary("Sets category, kind and priority; a new kind brings its SLA targets (staff; If-Match).").Validate<TriageIncidentRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/assignment", AssignIncidentEndpoint.Handle).WithName("AssignIncident").TakesIfMatch()
            .WithSummary("Assigns to a team, and to an agent when named (staff; If-Match).").Validate<AssignIncidentRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/information-request", RequestInformationEndpoint.Handle).WithName("RequestIncidentInformation").TakesIfMatch()
            .WithSummary("Asks the citizen for information; the SLA clocks pause until they answer (staff; If-Match).").Validate<RequestInformationRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/answer", AnswerIncidentEndpoint.Handle).WithName("AnswerIncident").TakesIfMatch()
            .WithSummary("Answers the citizen; the first answer meets the first-answer clock (staff; If-Match).").Validate<AnswerIncidentRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/escalation", EscalateIncidentEndpoint.Handle).WithName("EscalateIncident").TakesIfMatch()
            .WithSummary("Passes the incident to the back office (staff; If-Match).").Validate<EscalateIncidentRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/resolution", ResolveIncidentEndpoint.Handle).WithName("ResolveIncident").TakesIfMatch()
            .WithSummary("Resolves the incident, telling the citizen how (staff; If-Match).").Validate<ResolveIncidentRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/closing", CloseIncidentEndpoint.Handle).WithName("CloseIncident").TakesIfMatch()
            .WithSummary("Closes a resolved incident (staff; If-Match).").ProducesStep();
        staff.MapPost("/{incidentId:guid}/merge", MergeIncidentEndpoint.Handle).WithName("MergeIncident").TakesIfMatch()
            .WithSummary("Merges a duplicate (by its code) into this incident: the duplicate ends and its reporter and followers follow this one (staff; If-Match).")
            .Validate<MergeIncidentRequest>().ProducesStep();
        staff.MapPost("/{incidentId:guid}/attachments", AttachmentEndpoints.UploadById).WithName("AttachToIncident")
            .WithSummary("Staff attach a file (multipart/form-data, part 'file'); its type is judged by its content (staff).")
            .AcceptsAttachment().Produces<AttachmentReply>(StatusCodes.Status201Created).Produces<AttachmentReply>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/{incidentId:guid}/attachments/{sha256}", AttachmentEndpoints.DownloadById).WithName("GetIncidentAttachment").RecordsPersonalDataRead("incident-attachment")
            .WithSummary("Downloads a file of the incident, by its SHA-256, with its content type (staff).")
            .ProducesAttachment().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapAccessLog("/api/incidents");
        return api;
    }

    /// <summary>A multipart upload of one file, described in the document only: routing's own content-type check would
    /// refuse any other body with a bare 415, where the handler says how to send it (and no antiforgery: bearer tokens only).</summary>
    private static RouteHandlerBuilder AcceptsAttachment(this RouteHandlerBuilder endpoint) => endpoint
        .DisableAntiforgery()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .AddOpenApiOperationTransformer((operation, context, ct) =>
        {
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Description = $"One file in the part '{AttachmentEndpoints.FilePart}': a JPEG, PNG, GIF or WebP image, a PDF, or an MP4, QuickTime or WebM video, judged by its content.",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new Microsoft.OpenApi.OpenApiSchema
                        {
                            Type = Microsoft.OpenApi.JsonSchemaType.Object,
                            Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                            {
                                [AttachmentEndpoints.FilePart] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                            },
                            Required = new HashSet<string> { AttachmentEndpoints.FilePart },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });

    private static RouteHandlerBuilder ProducesAttachment(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<byte[]>(StatusCodes.Status200OK, FileTypes.All[0].ContentType, [.. FileTypes.All.Skip(1).Select(t => t.ContentType)]);

    /// <summary>What every workflow step answers: the step's reply, or a problem (no such incident, a step that does not fit).</summary>
    private static RouteHandlerBuilder ProducesStep(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<StepReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
