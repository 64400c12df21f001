using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.JsonWebTokens;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Procedures.V1;

namespace Omnichannel.Identity.Tests;

/// <summary>The services' tokens to each other come from the identity service by client credentials: procedures here
/// validates only by the identity service's keys, so a call that gets through proves where its token came from.</summary>
public sealed class ServiceTokenTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    private ServiceProvider Caller(string secret)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = platform.Identity.HttpAddress.ToString(),
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:ServiceClient:Secret"] = secret,
            ["services:procedures:grpc"] = platform.Procedures.GrpcAddress!.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "caller" });
        services.AddSingleton(configuration.GetSection(JwtSettings.Section).Get<JwtSettings>()!);
        services.AddServiceClient<ProcedureCatalogue.ProcedureCatalogueClient>(configuration, "procedures");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_service_calls_a_neighbour_with_a_service_token_the_identity_service_issued_for_the_council_of_the_work()
    {
        await using var caller = Caller(platform.ServicesSecret);
        var tokens = caller.GetRequiredService<ServiceTokens>();
        using (RequestContext.Begin(IdentityPlatform.Council, null))
        {
            var reply = await caller.GetRequiredService<ProcedureCatalogue.ProcedureCatalogueClient>()
                .GetProcedureAsync(new GetProcedureRequest { Code = "census-certificate" });
            Assert.Equal("census-certificate", reply.Code);
        }

        Assert.True(tokens.FromAuthority);
        Assert.True(tokens.TryGet(IdentityPlatform.Council, out var held));
        var claims = new JsonWebToken(held);
        Assert.Equal("service", claims.GetClaim("role").Value);
        Assert.Equal(IdentityPlatform.Council, claims.GetClaim("tenant").Value);
        Assert.False(tokens.TryGet(IdentityPlatform.OtherCouncil, out _)); // asked per council, only when needed
    }

    [Fact]
    public async Task A_service_whose_client_secret_is_wrong_gets_unavailable_not_a_token_signed_some_other_way()
    {
        await using var caller = Caller("not-the-secret");
        using var _ = RequestContext.Begin(IdentityPlatform.Council, null);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await caller.GetRequiredService<ProcedureCatalogue.ProcedureCatalogueClient>()
            .GetProcedureAsync(new GetProcedureRequest { Code = "census-certificate" }));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }
}
