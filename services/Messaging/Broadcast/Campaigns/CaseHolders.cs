using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Messaging;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Broadcast.Campaigns;

/// <summary>Who submitted a case of which procedure, and when: what a campaign "to the people who asked for it last
/// year" targets. Kept from procedures' <see cref="V1.CaseSubmitted"/> as it is published (so it knows the cases
/// submitted since messaging listens, not older ones); no name or contact, only the citizen's id.</summary>
public sealed class CaseHolder
{
    /// <summary>The case's id.</summary>
    public Guid Id { get; set; }
    public Guid CitizenId { get; set; }
    public string ProcedureCode { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>messaging-case-submitted-audience: a case with a known citizen is noted for campaigns (idempotent: the
/// case's id is the document's, and the message's processed mark is saved with it).</summary>
public sealed class CaseSubmittedAudience(IDocumentStore store) : IdempotentConsumer<V1.CaseSubmitted>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.CaseSubmitted> context, IDocumentSession session)
    {
        var e = context.Message;
        if (e.CitizenId is { } citizen)
            session.Store(new CaseHolder { Id = e.CaseId, CitizenId = citizen, ProcedureCode = e.ProcedureCode, SubmittedAt = e.OccurredAt });
        return Task.CompletedTask;
    }
}
