using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Procedures.Cases.ChangingStatus;
using Omnichannel.Procedures.Cases.Submitting;
using Omnichannel.Procedures.Cases.Tracking;

namespace Omnichannel.Procedures.Cases;

/// <summary>The cases' routes; each handler lives in its use case's folder.</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/procedures/cases").WithTags("Cases").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapPost("/", SubmitCaseEndpoint.Handle).WithName("SubmitCase")
            .WithSummary("Submits a case for a procedure from any channel; answers with its personal tracking code.")
            .Validate<SubmitCaseRequest>()
            .Produces<SubmittedCase>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", Listing.ListCasesEndpoint.Handle).WithName("ListCases")
            .WithSummary("The case inbox (staff): filtered by status, procedure and channel, paged, the longest-untouched first.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<Listing.CaseInboxPage>();
        api.MapGet("/by-code/{trackingCode}", TrackCaseEndpoints.ByTrackingCode).WithName("GetCaseByTrackingCode")
            .WithSummary("The status of a case, by the personal code the citizen was given.")
            .Produces<PublicCaseStatus>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{caseId:guid}", TrackCaseEndpoints.ById).WithName("GetCase").RecordsPersonalDataRead("case-details", sensitive: true)
            .WithSummary("A case with its full history (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{caseId:guid}/status", ChangeCaseStatusEndpoint.Handle).WithName("ChangeCaseStatus").TakesIfMatch()
            .WithSummary("Moves a case to a new status; If-Match with the case's ETag guards against concurrent changes (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<ChangeCaseStatusRequest>()
            .Produces<CaseStatusReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{caseId:guid}/notifications", IssuingNotifications.IssueNotificationEndpoint.Handle).WithName("IssueCaseNotification").TakesIfMatch()
            .WithSummary("Puts an official notification of the case at its citizen's disposal: a title and a text in the citizen's language; If-Match with the "
                + "case's ETag (staff). The citizen reads it at a kiosk (or staff open it for them); the first access is recorded as its delivery.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<IssuingNotifications.IssueNotificationRequest>()
            .Produces<IssuingNotifications.IssuedNotification>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{caseId:guid}/notifications/{notificationId:guid}/access", AccessingNotifications.AccessNotificationEndpoint.Handle).WithName("AccessCaseNotification")
            .RecordsPersonalDataRead("case-notification", sensitive: true)
            .WithSummary("Staff open a notification for the citizen at the desk: its text, and its first access recorded with channel on-site (later accesses "
                + "record nothing and answer the first one's date).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<AccessingNotifications.OpenedNotification>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapAccessLog("/api/procedures");
        return api;
    }
}
