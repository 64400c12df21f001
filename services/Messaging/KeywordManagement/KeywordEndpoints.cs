using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Conversations.Starting;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.KeywordManagement;

/// <summary>The council's keywords as staff read them: every keyword and the set's revision (its ETag).</summary>
public sealed record KeywordList(List<KeywordEntry> Keywords, long Revision);

public sealed record PreviewRequest(string? Message, string? Language);

/// <summary>What a message would get, and why: <paramref name="Intent"/> keyword, keyword-list, operator or none;
/// a keyword with a code shows the keyword's own answer (the look-up itself is not made), with the buttons and the
/// place it would carry.</summary>
public sealed record PreviewReply(string Intent, string? Keyword, string Language, string Answer)
{
    public IReadOnlyList<PreviewButton> Buttons { get; init; } = [];
    public KeywordLocation? Location { get; init; }
}

/// <summary>A button as the preview shows it: its label in the language previewed, and the link it opens or the code of
/// the keyword it sends.</summary>
public sealed record PreviewButton(string Label, string? Url, string? Keyword);

/// <summary>/api/messaging/keywords (staff): list, create, change and delete the council's keywords (If-Match: the set's
/// revision), and preview what a message would answer. Changes apply to the next message at once.</summary>
public static class KeywordEndpoints
{
    public static async Task<IResult> List(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var set = await session.LoadAsync<KeywordSet>(KeywordSet.DocumentId, ct) ?? new KeywordSet();
        http.Response.Headers.ETag = Versioning.ETag(set.Revision);
        return TypedResults.Ok(new KeywordList(set.Keywords, set.Revision));
    }

    public static Task<IResult> Create(KeywordRequest request, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (request.Code is null) throw Rejection.Invalid("code", "Give the keyword's code, e.g. \"horari\".");
        return ChangeAsync(session, http, keywords => KeywordChanges.Create(keywords, request.ToEntry(request.Code)), ct, created: request.Code);
    }

    public static Task<IResult> Update(string code, KeywordRequest request, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        if (request.Code is not null && request.Code != code) throw Rejection.Invalid("code", "The code is the one in the route; leave it out of the body or repeat it.");
        return ChangeAsync(session, http, keywords => KeywordChanges.Update(keywords, request.ToEntry(code)), ct);
    }

    public static Task<IResult> Delete(string code, IDocumentSession session, HttpContext http, CancellationToken ct) =>
        ChangeAsync(session, http, keywords => KeywordChanges.Delete(keywords, code), ct);

    public static async Task<IResult> Preview(PreviewRequest request, IQuerySession session, CancellationToken ct)
    {
        var set = await session.LoadAsync<KeywordSet>(KeywordSet.DocumentId, ct) ?? new KeywordSet();
        var intent = KeywordMatching.Read(set, request.Message);
        var language = LanguageDetection.Hint(request.Language) ?? intent switch
        {
            Intent.Keyword k => k.Language,
            Intent.ListKeywords l => l.Language,
            Intent.AskForOperator o => o.Language,
            _ => LanguageDetection.Detect(null, request.Message),
        };
        // The look-up is not made: a preview shows the keyword's own answer.
        var reply = AnswerDecisions.Decide(set, intent is Intent.Keyword k2 ? k2 with { Rest = null } : intent, language, null, null);
        var kind = intent switch
        {
            Intent.Keyword => "keyword", Intent.ListKeywords => "keyword-list", Intent.AskForOperator => "operator", _ => "none",
        };
        return TypedResults.Ok(new PreviewReply(kind, (intent as Intent.Keyword)?.Entry.Code, language, reply.Text)
        {
            Buttons = [.. reply.Buttons.Select(b => new PreviewButton(b.Label, b.Url, Buttons.ButtonData.Read(b.Data)))],
            Location = reply.Location is { } at ? new KeywordLocation(at.Latitude, at.Longitude, at.Name, at.Address) : null,
        });
    }

    private static async Task<IResult> ChangeAsync(IDocumentSession session, HttpContext http, Func<IReadOnlyList<KeywordEntry>, List<KeywordEntry>> change,
        CancellationToken ct, string? created = null)
    {
        var expected = Versioning.ExpectedVersion(http.Request);
        var set = await session.LoadAsync<KeywordSet>(KeywordSet.DocumentId, ct) ?? new KeywordSet();
        if (expected is { } e && e != set.Revision) throw new PreconditionFailed(e, set.Revision);
        set.Keywords = change(set.Keywords);
        set.Revision++;
        // Optimistic concurrency on the document: two staff saving at once, the second gets a 409.
        session.Store(set);
        await session.SaveChangesAsync(ct);
        http.Response.Headers.ETag = Versioning.ETag(set.Revision);
        var list = new KeywordList(set.Keywords, set.Revision);
        return created is null ? TypedResults.Ok(list) : TypedResults.Created($"/api/messaging/keywords/{created}", list);
    }
}
