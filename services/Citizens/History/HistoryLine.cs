using Marten;
using Omnichannel.BuildingBlocks.OfficeDirectory;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>A line of history: what kind of step, how it reads in each language, the code the citizen
/// knows it by, and the channel when it differs from the event's own.</summary>
public sealed record Interaction(string Kind, LocalizedText Text, string? Reference, string? Channel = null);

/// <summary>What a line may look up to name things as a citizen knows them: a procedure by its name, not its
/// code; an office by its name, not its id.</summary>
public sealed class HistoryNames(ProcedureNames procedures, IQuerySession session)
{
    public Task<LocalizedText> Procedure(string code, CancellationToken ct) => procedures.Of(code, ct);

    public Task<LocalizedText> Office(string officeId, CancellationToken ct) => DirectoryOffices.NameOfAsync(session, officeId, ct);
}

/// <summary>How one integration event reads in a citizen's history, declared once in <see cref="HistoryLines"/>;
/// <see cref="HistoryConsumer{T}"/> is registered for each declared event type.</summary>
public abstract class HistoryLine
{
    public abstract Type EventType { get; }

    /// <summary>The service the line is labelled with when the message has no CloudEvents source: the group it
    /// is declared in.</summary>
    public string Service { get; internal set; } = "";
}

public sealed class HistoryLine<T>(
    Func<T, string> kind, Func<T, string?> reference, Func<T, HistoryNames, CancellationToken, Task<LocalizedText>> text, string? channel)
    : HistoryLine where T : IIntegrationEvent
{
    public override Type EventType => typeof(T);

    /// <summary>For the rare event whose kind depends on what happened (a callback done or failed).</summary>
    public HistoryLine<T> KindBy(Func<T, string> kindOf) => new(kindOf, reference, text, channel) { Service = Service };

    public async Task<Interaction> DescribeAsync(T e, HistoryNames names, CancellationToken ct) =>
        new(kind(e), await text(e, names, ct), reference(e), channel);
}
