using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Slots;

public sealed record ProcedureInfo(string Code, Contracts.LocalizedText Name, TimeSpan SlotLength);

/// <summary>A procedure's slot length (from its average attention minutes) and name, from the shared cached catalogue
/// client. For a booking, a procedure the catalogue does not have is a 404 and a withdrawn one a 400 naming
/// <c>procedureCode</c>.</summary>
public sealed class ProcedureDurations(ProcedureCatalogueClient catalogue)
{
    public async Task<ProcedureInfo> GetAsync(string procedureCode, CancellationToken ct)
    {
        var procedure = await catalogue.FindAsync(procedureCode, ct) ?? throw Rejection.NotFound($"There is no procedure '{procedureCode}'.");
        if (procedure.Withdrawn) throw Rejection.Invalid("procedureCode", $"Procedure '{procedureCode}' has been withdrawn.");
        return new ProcedureInfo(procedure.Code, procedure.Name, SlotGrid.LengthFor(procedure.AverageAttentionMinutes));
    }
}
