using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Procedures;

/// <summary>A procedure's average attention minutes, from the shared cached catalogue client: they decide the line
/// (Point 0 up to 5 minutes, general up to 15). A procedure missing from the catalogue or withdrawn is a 400 naming
/// <c>field</c>.</summary>
public sealed class ProcedureAttention(ProcedureCatalogueClient catalogue)
{
    public async Task<int> MinutesOf(string procedureCode, string field, CancellationToken ct)
    {
        var procedure = await catalogue.FindAsync(procedureCode, ct) ?? throw Rejection.Invalid(field, $"There is no procedure '{procedureCode}'.");
        if (procedure.Withdrawn) throw Rejection.Invalid(field, $"Procedure '{procedureCode}' has been withdrawn.");
        return procedure.AverageAttentionMinutes;
    }
}
