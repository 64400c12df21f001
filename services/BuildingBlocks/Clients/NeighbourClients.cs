using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;

namespace Omnichannel.BuildingBlocks.Clients;

public static class NeighbourClients
{
    /// <summary>The cached procedures catalogue (<see cref="ProcedureCatalogueClient"/>), at <c>Services:Procedures:Grpc</c>.</summary>
    public static IServiceCollection AddProcedureCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHybridCache();
        services.AddServiceClient<ProcedureCatalogue.ProcedureCatalogueClient>(configuration, "Procedures");
        services.AddTransient<ProcedureCatalogueClient>();
        return services;
    }

    /// <summary>The cached citizen check (<see cref="CitizenDirectoryCheck"/>), at <c>Services:Citizens:Grpc</c>; the raw
    /// <see cref="CitizenDirectory.CitizenDirectoryClient"/> stays available for other questions.</summary>
    public static IServiceCollection AddCitizenDirectoryCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHybridCache();
        services.AddServiceClient<CitizenDirectory.CitizenDirectoryClient>(configuration, "Citizens");
        services.AddTransient<CitizenDirectoryCheck>();
        return services;
    }
}
