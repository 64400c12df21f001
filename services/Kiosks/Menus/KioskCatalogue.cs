using Grpc.Core;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using LocalizedText = Omnichannel.Contracts.LocalizedText;

namespace Omnichannel.Kiosks.Menus;

/// <summary>A procedure as a kiosk menu shows it.</summary>
public sealed record KioskProcedure(string Code, string Category, LocalizedText Name, string? EOfficeUrl);

/// <summary>What the procedures catalogue offers on the kiosk channel: never withdrawn ones; <c>inSeasonOnly</c>
/// leaves out those whose only campaigns are not open today.</summary>
public interface IKioskCatalogue
{
    Task<IReadOnlyDictionary<string, KioskProcedure>> KioskProceduresAsync(bool inSeasonOnly, CancellationToken ct);
}

/// <summary>Asked over gRPC every time (no cache): a withdrawal or a campaign's end drops out of the next fetch, and a
/// fleet fetching its menu every few minutes is a handful of calls a second at most.</summary>
public sealed class GrpcKioskCatalogue(ProcedureCatalogue.ProcedureCatalogueClient catalogue) : IKioskCatalogue
{
    public async Task<IReadOnlyDictionary<string, KioskProcedure>> KioskProceduresAsync(bool inSeasonOnly, CancellationToken ct)
    {
        try
        {
            var reply = await catalogue.ListProceduresAsync(new ListProceduresRequest { Channel = Channels.Kiosk, InSeasonOnly = inSeasonOnly }, cancellationToken: ct);
            return reply.Procedures.Where(p => !p.Withdrawn && p.Channels.Contains(Channels.Kiosk)).ToDictionary(p => p.Code,
                p => new KioskProcedure(p.Code, p.Category, new LocalizedText(p.Name.Ca, p.Name.Es, p.Name.En), p.EOfficeUrl.Length == 0 ? null : p.EOfficeUrl),
                StringComparer.Ordinal);
        }
        catch (Exception e) when (NeighbourUnavailable.IsOutage(e, ct) || e is RpcException)
        {
            throw new NeighbourUnavailable("procedures", e);
        }
    }
}

/// <summary>Where no procedures service is configured (the kiosks service alone): menus cannot be checked or served.</summary>
public sealed class NoKioskCatalogue : IKioskCatalogue
{
    public Task<IReadOnlyDictionary<string, KioskProcedure>> KioskProceduresAsync(bool inSeasonOnly, CancellationToken ct) =>
        throw new NeighbourUnavailable("procedures", new InvalidOperationException("services:procedures:grpc is not set."));
}
