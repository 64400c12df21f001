using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.KeywordManagement;

namespace Omnichannel.Messaging.Broadcast.Topics;

/// <summary>A topic as staff read it, with how many identities are on its list now.</summary>
public sealed record TopicView(string Code, LocalizedText Names, LocalizedText Descriptions, bool Retired, long Revision, int Subscribers);

/// <summary>A new topic (code) or its new names and descriptions (rename), in Catalan, Spanish and English.</summary>
public sealed record TopicRequest(string? Code, TextsRequest? Names, TextsRequest? Descriptions);

public sealed class TopicRequestValidator : AbstractValidator<TopicRequest>
{
    public TopicRequestValidator()
    {
        RuleFor(r => r.Code).Matches("^[a-z0-9][a-z0-9-]{0,39}$").When(r => r.Code is not null)
            .WithMessage("A topic's code is 1 to 40 lower-case letters, digits or hyphens, e.g. \"obres\".");
        RuleFor(r => r.Names).NotNull().WithMessage("Give the topic's name in Catalan, Spanish and English.");
        RuleFor(r => r.Names!.Ca).Must(Name).When(r => r.Names is not null).WithMessage(NameRule).OverridePropertyName("names.ca");
        RuleFor(r => r.Names!.Es).Must(Name).When(r => r.Names is not null).WithMessage(NameRule).OverridePropertyName("names.es");
        RuleFor(r => r.Names!.En).Must(Name).When(r => r.Names is not null).WithMessage(NameRule).OverridePropertyName("names.en");
        RuleFor(r => r.Descriptions!.Ca).MaximumLength(1000).When(r => r.Descriptions is not null).OverridePropertyName("descriptions.ca");
        RuleFor(r => r.Descriptions!.Es).MaximumLength(1000).When(r => r.Descriptions is not null).OverridePropertyName("descriptions.es");
        RuleFor(r => r.Descriptions!.En).MaximumLength(1000).When(r => r.Descriptions is not null).OverridePropertyName("descriptions.en");
    }

    private const string NameRule = "A name of 1 to 80 characters with a letter or digit in it.";
    private static bool Name(string? name) => name is { Length: > 0 and <= 80 } && Keywords.KeywordMatching.Normalize(name).Length > 0;
}

/// <summary>/api/messaging/topics (staff): create, list, rename and retire the council's broadcast lists. Each
/// topic's revision is its ETag (If-Match on rename and retire, 412 when stale; two staff saving at once, 409).</summary>
public static class TopicEndpoints
{
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct)
    {
        var topics = await session.Query<Topic>().OrderBy(t => t.Id).ToListAsync(ct);
        var views = new List<TopicView>(topics.Count);
        foreach (var topic in topics) views.Add(await ViewAsync(session, topic, ct));
        return TypedResults.Ok(views);
    }

    public static async Task<IResult> Create(TopicRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request.Code is null) throw Rejection.Invalid("code", "Give the topic's code, e.g. \"obres\".");
        if (Membership.MembershipWords.All.Contains(request.Code)) throw Rejection.Invalid("code", $"'{request.Code}' is a reserved word of the alert lists.");
        if (await session.LoadAsync<Topic>(request.Code, ct) is not null) throw Rejection.Conflict($"There is already a topic '{request.Code}' (codes are never reused).");
        var others = await session.Query<Topic>().ToListAsync(ct);
        CheckNames(others, request);
        var topic = new Topic { Id = request.Code, Names = Texts(request.Names!), Descriptions = Texts(request.Descriptions), Revision = 1, CreatedAt = clock.GetUtcNow() };
        session.Insert(topic);
        await SaveAsync(session, ct);
        http.Response.Headers.ETag = Versioning.ETag(topic.Revision);
        return TypedResults.Created($"/api/messaging/topics/{topic.Id}", await ViewAsync(session, topic, ct));
    }

    public static Task<IResult> Rename(string code, TopicRequest request, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (request.Code is not null && request.Code != code) throw Rejection.Invalid("code", "The code is the one in the route; leave it out of the body or repeat it.");
        return ChangeAsync(code, session, http, async topic =>
        {
            var others = await session.Query<Topic>().Where(t => t.Id != code).ToListAsync(ct);
            CheckNames(others, request);
            topic.Names = Texts(request.Names!);
            topic.Descriptions = Texts(request.Descriptions);
        }, ct);
    }

    public static Task<IResult> Retire(string code, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        ChangeAsync(code, session, http, topic =>
        {
            if (topic.Retired) throw Rejection.Conflict($"The topic '{code}' is already retired.");
            topic.Retired = true;
            return Task.CompletedTask;
        }, ct);

    private static async Task<IResult> ChangeAsync(string code, IDocumentSession session, HttpContext http, Func<Topic, Task> change, CancellationToken ct)
    {
        var expected = Versioning.ExpectedVersion(http.Request);
        var topic = await session.LoadAsync<Topic>(code, ct) ?? throw Rejection.NotFound($"There is no topic '{code}'.");
        if (expected is { } e && e != topic.Revision) throw new PreconditionFailed(e, topic.Revision);
        await change(topic);
        topic.Revision++;
        session.Store(topic);
        await SaveAsync(session, ct);
        http.Response.Headers.ETag = Versioning.ETag(topic.Revision);
        return TypedResults.Ok(await ViewAsync(session, topic, ct));
    }

    /// <summary>Optimistic concurrency on the document: the second of two staff saving at once loses the race (409).</summary>
    private static Task SaveAsync(IDocumentSession session, CancellationToken ct) => session.SaveChangesAsync(ct);

    /// <summary>A name calls a topic in a citizen's ALTA: two topics may not answer to the same words.</summary>
    private static void CheckNames(IReadOnlyList<Topic> others, TopicRequest request)
    {
        foreach (var name in new[] { request.Names!.Ca, request.Names.Es, request.Names.En, request.Code }.Where(n => n is not null))
            if (others.FirstOrDefault(t => t.IsCalled(name!)) is { } taken)
                throw Rejection.Conflict($"'{name}' already names the topic '{taken.Id}'.");
    }

    private static LocalizedText Texts(TextsRequest? texts) =>
        new((texts?.Ca ?? "").Trim(), (texts?.Es ?? "").Trim(), (texts?.En ?? "").Trim());

    private static async Task<TopicView> ViewAsync(IQuerySession session, Topic topic, CancellationToken ct) =>
        new(topic.Id, topic.Names, topic.Descriptions, topic.Retired, topic.Revision,
            await session.Query<TopicSubscriber>().Where(s => s.Topic == topic.Id).CountAsync(ct));
}
