using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Procedures.Cases.IssuingNotifications;

/// <summary>A notification as staff write it: a title and a text in the citizen's language (ca, es or en). Text only:
/// cases have no file storage. The text is at most the platform's 4,000 characters a field.</summary>
public sealed record IssueNotificationRequest(string? Title, string? Body, string? Language);

public sealed class IssueNotificationRequestValidator : AbstractValidator<IssueNotificationRequest>
{
    public IssueNotificationRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).Must(t => t is null || t.Trim().Length > 0).WithMessage("Give the notification a title.");
        RuleFor(r => r.Body).NotEmpty().MaximumLength(TextPolicy.MaxLength).Must(b => b is null || b.Trim().Length > 0).WithMessage("Write the notification's text.");
        RuleFor(r => r.Language).NotEmpty().Must(l => l is null || NotificationLanguages.All.Contains(l))
            .WithMessage($"Write it in the citizen's language: one of {string.Join(", ", NotificationLanguages.All)}.");
    }
}

public sealed record IssueNotification(Guid CaseId, Guid NotificationId, string Title, string Body, string Language, DateTimeOffset At, string By);

public static class IssueNotificationDecision
{
    /// <summary>A notification goes to the case's citizen: a case nobody is known for has nobody to notify. A closed
    /// case may still be notified (the resolution itself is usually notified).</summary>
    public static IReadOnlyList<object> Decide(IssueNotification command, Case state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such case.");
        if (state.CitizenId is null) throw Rejection.Conflict("The case has no known citizen to notify.");
        if (state.Notifications.ContainsKey(command.NotificationId)) throw Rejection.Conflict("This notification was already issued.");
        return [new NotificationIssued(state.CaseId, command.NotificationId, state.TrackingCode, state.ProcedureCode, state.CitizenId,
            command.Title, command.Body, command.Language, command.At, command.By)];
    }
}

/// <summary>POST /api/procedures/cases/{caseId}/notifications (staff), guarded by If-Match on the case.</summary>
public static class IssueNotificationEndpoint
{
    public static async Task<IResult> Handle(Guid caseId, IssueNotificationRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // Not found before a stale If-Match: another council's case (or none) is simply not there.
        if (await session.Events.FetchStreamStateAsync(Case.StreamKey(caseId), ct) is null) throw Rejection.NotFound("There is no such case.");
        var command = new IssueNotification(caseId, Guid.NewGuid(), request.Title!.Trim(), request.Body!.Trim(), request.Language!, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Case.StreamKey(caseId), Case.Initial, Case.Evolve,
            state => IssueNotificationDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Created($"/api/procedures/cases/{caseId}", new IssuedNotification(caseId, command.NotificationId, command.At, result.Version));
    }
}

/// <summary>What issuing answers: the notification's id, when it was put at the citizen's disposal, and the case's new
/// version (its ETag).</summary>
public sealed record IssuedNotification(Guid CaseId, Guid NotificationId, DateTimeOffset IssuedAt, long Version);
