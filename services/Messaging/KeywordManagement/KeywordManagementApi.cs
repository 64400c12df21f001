using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.Messaging.Statistics;

namespace Omnichannel.Messaging.KeywordManagement;

/// <summary>The staff's routes for the council's keywords and the service's usage statistics.</summary>
public static class KeywordManagementApi
{
    public static RouteGroupBuilder MapKeywordManagementApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/messaging").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        var keywords = staff.MapGroup("/keywords").WithTags("Keywords");
        keywords.MapGet("/", KeywordEndpoints.List).WithName("ListKeywords")
            .WithSummary("The council's keywords with their words and answers in ca/es/en, and the set's revision as ETag (staff).")
            .Produces<KeywordList>();
        keywords.MapPost("/", KeywordEndpoints.Create).WithName("CreateKeyword").TakesIfMatch()
            .WithSummary("Adds a keyword; a word another keyword has is a 409 (staff; If-Match: the set's revision).")
            .Validate<KeywordRequest>().Produces<KeywordList>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        keywords.MapPut("/{code}", KeywordEndpoints.Update).WithName("UpdateKeyword").TakesIfMatch()
            .WithSummary("Replaces a keyword's words, answer, look-up and flow (staff; If-Match: the set's revision).")
            .Validate<KeywordRequest>().Produces<KeywordList>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        keywords.MapDelete("/{code}", KeywordEndpoints.Delete).WithName("DeleteKeyword").TakesIfMatch()
            .WithSummary("Removes a keyword (staff; If-Match: the set's revision).")
            .Produces<KeywordList>().ProducesProblem(StatusCodes.Status404NotFound);
        keywords.MapPost("/preview", KeywordEndpoints.Preview).WithName("PreviewKeywordAnswer")
            .WithSummary("What a message would answer now: the keyword, the list, a hand-over to a person, or nothing (staff; no look-up is made).")
            .Validate<PreviewRequest>().Produces<PreviewReply>();
        staff.MapGet("/statistics", UsageStatisticsEndpoint.Handle).WithName("GetMessagingStatistics").WithTags("Statistics")
            .WithSummary("Messages in and out per day and channel, answers per keyword, unanswered messages, hand-over waiting and answer times, opt-outs, code look-ups; from/to as yyyy-MM-dd, at most 92 days (staff).")
            .Produces<UsageReport>().ProducesValidationProblem();
        return staff;
    }
}
