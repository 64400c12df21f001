using System.Security.Claims;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Messaging.Broadcast.Delivery;
using Omnichannel.Messaging.Broadcast.Topics;
using Omnichannel.Messaging.KeywordManagement;

namespace Omnichannel.Messaging.Broadcast.Alerts;

/// <summary>An alert (or a proactive campaign) to a topic's list, its text in Catalan, Spanish and English (each
/// member gets the language they joined in).</summary>
public sealed record AlertRequest(string? Topic, TextsRequest? Text);

public sealed class AlertRequestValidator : AbstractValidator<AlertRequest>
{
    public AlertRequestValidator()
    {
        RuleFor(r => r.Topic).NotEmpty().WithMessage("Name the topic whose list gets it.");
        RuleFor(r => r.Text).NotNull().WithMessage("Give the text in Catalan, Spanish and English.");
        RuleFor(r => r.Text!.Ca).Must(Text).When(r => r.Text is not null).WithMessage(TextRule).OverridePropertyName("text.ca");
        RuleFor(r => r.Text!.Es).Must(Text).When(r => r.Text is not null).WithMessage(TextRule).OverridePropertyName("text.es");
        RuleFor(r => r.Text!.En).Must(Text).When(r => r.Text is not null).WithMessage(TextRule).OverridePropertyName("text.en");
    }

    // Telegram takes 4096 characters, an SMS is best short: 1000 keeps every channel whole.
    internal const string TextRule = "Write the text (1 to 1000 characters).";
    internal static bool Text(string? text) => !string.IsNullOrWhiteSpace(text) && text.Length <= 1000;
}

/// <summary>A proactive campaign ("pop-up service"): to a topic's list, or to the citizens who had a case of a
/// procedure submitted between two dates (inclusive), with its text in Catalan, Spanish and English.</summary>
public sealed record CampaignRequest(string? Topic, string? ProcedureCode, DateOnly? From, DateOnly? To, TextsRequest? Text);

public sealed class CampaignRequestValidator : AbstractValidator<CampaignRequest>
{
    public CampaignRequestValidator()
    {
        RuleFor(r => r.Topic).Must((r, topic) => string.IsNullOrWhiteSpace(topic) != string.IsNullOrWhiteSpace(r.ProcedureCode))
            .WithMessage("Name either a topic or a procedure (with from and to), not both.");
        RuleFor(r => r.From).NotNull().When(r => !string.IsNullOrWhiteSpace(r.ProcedureCode)).WithMessage("The first day of the cases (yyyy-MM-dd).");
        RuleFor(r => r.To).NotNull().When(r => !string.IsNullOrWhiteSpace(r.ProcedureCode)).WithMessage("The last day of the cases (yyyy-MM-dd).");
        RuleFor(r => r.To).Must((r, to) => r.From is null || to is null || (to >= r.From && to.Value.DayNumber - r.From.Value.DayNumber <= 3 * 366))
            .WithMessage("The period ends on or after it starts, and spans at most three years.");
        RuleFor(r => r.ProcedureCode).MaximumLength(80);
        RuleFor(r => r.Text).NotNull().WithMessage("Give the text in Catalan, Spanish and English.");
        RuleFor(r => r.Text!.Ca).Must(AlertRequestValidator.Text).When(r => r.Text is not null).WithMessage(AlertRequestValidator.TextRule).OverridePropertyName("text.ca");
        RuleFor(r => r.Text!.Es).Must(AlertRequestValidator.Text).When(r => r.Text is not null).WithMessage(AlertRequestValidator.TextRule).OverridePropertyName("text.es");
        RuleFor(r => r.Text!.En).Must(AlertRequestValidator.Text).When(r => r.Text is not null).WithMessage(AlertRequestValidator.TextRule).OverridePropertyName("text.en");
    }
}

/// <summary>/api/messaging/alerts and /api/messaging/campaigns (staff): send to a topic's list; read its progress.</summary>
public static class AlertEndpoints
{
    public static Task<IResult> SendAlert(AlertRequest request, IDocumentSession session, AlertSignal signal, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        StartAsync(AlertKind.Alert, request, session, signal, clock, user, ct);

    public static async Task<IResult> SendCampaign(CampaignRequest request, IDocumentSession session, AlertSignal signal, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.Topic))
            return await StartAsync(AlertKind.Campaign, new AlertRequest(request.Topic, request.Text), session, signal, clock, user, ct);
        var id = Guid.NewGuid();
        var campaign = new Alert
        {
            Id = id, Council = RequestContext.RequiredTenantId, Kind = AlertKind.Campaign, Topic = Alert.CampaignList(id),
            ProcedureCode = request.ProcedureCode!.Trim(), CasesFrom = request.From, CasesTo = request.To,
            Text = new(request.Text!.Ca!.Trim(), request.Text.Es!.Trim(), request.Text.En!.Trim()),
            RequestedBy = Omnichannel.BuildingBlocks.Auth.ClaimsPrincipalExtensions.Subject(user), CreatedAt = clock.GetUtcNow(), Stage = AlertStage.Sending,
        };
        session.Insert(campaign);
        await session.SaveChangesAsync(ct);
        signal.Wake();
        return TypedResults.Accepted($"/api/messaging/campaigns/{id}", await ViewAsync(session, campaign, ct));
    }

    private static async Task<IResult> StartAsync(AlertKind kind, AlertRequest request, IDocumentSession session, AlertSignal signal, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var topic = await session.LoadAsync<Topic>(request.Topic!, ct) ?? throw Rejection.NotFound($"There is no topic '{request.Topic}'.");
        if (topic.Retired) throw Rejection.Conflict($"The topic '{topic.Id}' is retired: it takes no new alerts.");
        var alert = new Alert
        {
            Id = Guid.NewGuid(), Council = RequestContext.RequiredTenantId, Kind = kind, Topic = topic.Id,
            Text = new(request.Text!.Ca!.Trim(), request.Text.Es!.Trim(), request.Text.En!.Trim()),
            RequestedBy = Omnichannel.BuildingBlocks.Auth.ClaimsPrincipalExtensions.Subject(user), CreatedAt = clock.GetUtcNow(), Stage = AlertStage.Sending,
        };
        session.Insert(alert);
        await session.SaveChangesAsync(ct);
        signal.Wake();
        var path = kind == AlertKind.Campaign ? "campaigns" : "alerts";
        return TypedResults.Accepted($"/api/messaging/{path}/{alert.Id}", await ViewAsync(session, alert, ct));
    }

    public static async Task<IResult> Get(Guid alertId, IQuerySession session, CancellationToken ct)
    {
        var alert = await session.LoadAsync<Alert>(alertId, ct) ?? throw Rejection.NotFound("There is no such alert or campaign.");
        return TypedResults.Ok(await ViewAsync(session, alert, ct));
    }

    public static async Task<IResult> List(IQuerySession session, CancellationToken ct)
    {
        var alerts = await session.Query<Alert>().OrderByDescending(a => a.CreatedAt).Take(50).ToListAsync(ct);
        var views = new List<AlertView>(alerts.Count);
        foreach (var alert in alerts) views.Add(await ViewAsync(session, alert, ct));
        return TypedResults.Ok(views);
    }

    /// <summary>Counted from the recipients' records (indexed by alert), so the sending and the providers' statuses
    /// never write the same document.</summary>
    public static async Task<AlertView> ViewAsync(IQuerySession session, Alert alert, CancellationToken ct)
    {
        Task<int> Count(params RecipientStatus[] statuses) =>
            session.Query<AlertRecipient>().Where(r => r.AlertId == alert.Id && statuses.Contains(r.Status)).CountAsync(ct);
        var sent = await Count(RecipientStatus.Sent, RecipientStatus.Delivered, RecipientStatus.Read);
        var delivered = await Count(RecipientStatus.Delivered, RecipientStatus.Read);
        var read = await Count(RecipientStatus.Read);
        var failed = await Count(RecipientStatus.Failed);
        var blocked = await Count(RecipientStatus.Blocked);
        var unconfirmed = await Count(RecipientStatus.Unconfirmed);
        return new AlertView(alert.Id, alert.Kind, alert.ProcedureCode is null ? alert.Topic : null, alert.ProcedureCode, alert.CasesFrom, alert.CasesTo, alert.Text, alert.Stage, alert.CreatedAt, alert.FinishedAt,
            alert.Recipients, sent, delivered, read, failed, blocked, unconfirmed, alert.Skipped);
    }
}
