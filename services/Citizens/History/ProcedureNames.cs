using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>A procedure's name in the three languages, from the shared cached catalogue client: a history line says
/// "Census certificate", not "census-certificate".</summary>
public sealed class ProcedureNames(ProcedureCatalogueClient catalogue)
{
    /// <summary>Gone from the catalogue: the code is still better than losing the interaction. A catalogue that cannot
    /// answer throws (<c>NeighbourUnavailable</c>): the message is retried, and the history waits rather than lies.</summary>
    public async Task<LocalizedText> Of(string procedureCode, CancellationToken ct) =>
        (await catalogue.FindAsync(procedureCode, ct))?.Name ?? new LocalizedText(procedureCode, procedureCode, procedureCode);
}
