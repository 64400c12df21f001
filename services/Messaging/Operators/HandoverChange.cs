using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Operators;

/// <summary>What every operator's step answers: where the hand-over stands and the conversation's version (its ETag).</summary>
public sealed record HandoverStep(Guid HandoverId, HandoverStage Stage, string? ClaimedBy, long Version);

/// <summary>Runs one operator's step: find the conversation of the hand-over, decide on its stream (If-Match honoured),
/// append at the version read; a stale If-Match is a 412, a step that does not fit a 409, an unknown hand-over a 404.</summary>
public static class HandoverChange
{
    public static async Task<IResult> RunAsync(Guid handoverId, IDocumentSession session, HttpContext http,
        Func<Conversation, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var expected = Versioning.ExpectedVersion(http.Request);
        var view = await FindAsync(session, handoverId, ct) ?? throw Rejection.NotFound("There is no such hand-over.");
        // In turn with the webhook and the reply sender, which append to the same conversation (a reply recorded as sent
        // right after the message that handed it over would otherwise make the operator's step a lost race: a 409).
        using var turn = await http.RequestServices.GetRequiredService<ConversationLocks>().EnterAsync(session.TenantId, view.Id, ct);
        var result = await session.DecideAndAppendAsync(view.Id, Conversation.Initial, Conversation.Evolve, decide, ct, expected);
        // Committed (or nothing to write): what this process knows of the conversation is now the stream, so the next
        // reply outcome appends at the right version at once instead of losing its first try and reading the stream.
        http.RequestServices.GetRequiredService<HotStreams<Conversation>>().Fold(session.TenantId, view.Id, (result.State, result.Version), []);
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        var desk = result.State.Desk;
        return TypedResults.Ok(new HandoverStep(handoverId, desk.Stage, desk.Operator, result.Version));
    }

    public static Task<ConversationView?> FindAsync(IQuerySession session, Guid handoverId, CancellationToken ct) =>
        session.Query<ConversationView>().Where(v => v.HandoverId == handoverId).FirstOrDefaultAsync(ct);
}
