using Grpc.Core;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;

namespace Omnichannel.BuildingBlocks.Tests.Clients;

/// <summary>The shared neighbour clients on a gRPC client that answers what the test says and counts the calls.</summary>
public sealed class NeighbourClientsTests
{
    private static HybridCache NewCache() => new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();

    private static AsyncUnaryCall<T> Answer<T>(Func<T> answer) where T : class
    {
        Task<T> response;
        try { response = Task.FromResult(answer()); }
        catch (Exception e) { response = Task.FromException<T>(e); }
        return new AsyncUnaryCall<T>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    private sealed class FakeCatalogue(Func<string, ProcedureReply> answer) : ProcedureCatalogue.ProcedureCatalogueClient
    {
        public int Calls;
        public string? TenantSeen;

        public override AsyncUnaryCall<ProcedureReply> GetProcedureAsync(GetProcedureRequest request, CallOptions options)
        {
            Interlocked.Increment(ref Calls);
            TenantSeen = RequestContext.TenantId;
            return Answer(() => answer(request.Code));
        }

        public override AsyncUnaryCall<ProcedureReply> GetProcedureAsync(GetProcedureRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
            GetProcedureAsync(request, new CallOptions(headers, deadline, cancellationToken));
    }

    private sealed class FakeDirectory(Func<string, CitizenReply> answer) : CitizenDirectory.CitizenDirectoryClient
    {
        public int Calls;

        public override AsyncUnaryCall<CitizenReply> GetCitizenAsync(GetCitizenRequest request, CallOptions options)
        {
            Interlocked.Increment(ref Calls);
            return Answer(() => answer(request.CitizenId));
        }

        public override AsyncUnaryCall<CitizenReply> GetCitizenAsync(GetCitizenRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
            GetCitizenAsync(request, new CallOptions(headers, deadline, cancellationToken));
    }

    private static ProcedureReply Census(string code) => new()
    {
        Code = code, AverageAttentionMinutes = 12,
        Name = new Contracts.Grpc.Procedures.V1.LocalizedText { Ca = "Certificat", Es = "Certificado", En = "Certificate" },
    };

    private static RpcException Status_(StatusCode code) => new(new Status(code, code.ToString()));

    [Fact]
    public async Task A_procedure_is_asked_once_and_then_answered_from_the_cache_per_council()
    {
        var fake = new FakeCatalogue(Census);
        var client = new ProcedureCatalogueClient(fake, NewCache());

        using (RequestContext.Begin("mataro", null))
        {
            var first = await client.FindAsync("census-certificate", CancellationToken.None);
            var again = await client.FindAsync("census-certificate", CancellationToken.None);
            Assert.Equal(("Certificado", 12, false), (first!.Name.Es, first.AverageAttentionMinutes, first.Withdrawn));
            Assert.Equal(first, again);
            Assert.Equal("mataro", fake.TenantSeen);
        }
        Assert.Equal(1, fake.Calls);

        using (RequestContext.Begin("el-prat", null)) await client.FindAsync("census-certificate", CancellationToken.None);
        Assert.Equal(2, fake.Calls);
        Assert.Equal("el-prat", fake.TenantSeen);
    }

    [Fact]
    public async Task A_procedure_the_catalogue_does_not_have_is_null_and_not_remembered()
    {
        var published = false;
        var fake = new FakeCatalogue(code => published ? Census(code) : throw Status_(StatusCode.NotFound));
        var client = new ProcedureCatalogueClient(fake, NewCache());
        using var _ = RequestContext.Begin("mataro", null);

        Assert.Null(await client.FindAsync("new-procedure", CancellationToken.None));
        published = true;
        Assert.NotNull(await client.FindAsync("new-procedure", CancellationToken.None));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Internal)]
    public async Task A_catalogue_that_cannot_answer_is_an_outage_not_a_missing_procedure(StatusCode status)
    {
        var client = new ProcedureCatalogueClient(new FakeCatalogue(_ => throw Status_(status)), NewCache());
        using var _ = RequestContext.Begin("mataro", null);

        await Assert.ThrowsAsync<NeighbourUnavailable>(() => client.FindAsync("census-certificate", CancellationToken.None));
    }

    [Fact]
    public async Task A_registered_citizen_is_asked_once_then_remembered()
    {
        var fake = new FakeDirectory(id => new CitizenReply { CitizenId = id });
        var check = new CitizenDirectoryCheck(fake, NewCache());
        var citizen = Guid.NewGuid();
        using var _ = RequestContext.Begin("mataro", null);

        Assert.False(await check.RememberedAsync(citizen));
        await check.EnsureExistsAsync(citizen, CancellationToken.None);
        await check.EnsureExistsAsync(citizen, CancellationToken.None);

        Assert.Equal(1, fake.Calls);
        Assert.True(await check.RememberedAsync(citizen));
    }

    [Fact]
    public async Task A_citizen_known_from_elsewhere_costs_no_call()
    {
        var fake = new FakeDirectory(_ => throw Status_(StatusCode.Unavailable));
        var check = new CitizenDirectoryCheck(fake, NewCache());
        var citizen = Guid.NewGuid();
        using var _ = RequestContext.Begin("mataro", null);

        await check.RememberAsync(citizen);
        await check.EnsureExistsAsync(citizen, CancellationToken.None);

        Assert.Equal(0, fake.Calls);
    }

    [Fact]
    public async Task An_unknown_citizen_is_a_400_naming_the_field_and_a_directory_outage_is_not()
    {
        using var _ = RequestContext.Begin("mataro", null);
        var unknown = new CitizenDirectoryCheck(new FakeDirectory(_ => throw Status_(StatusCode.NotFound)), NewCache());
        var rejection = await Assert.ThrowsAsync<Rejection>(() => unknown.EnsureExistsAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(("citizenId", RejectionKind.Invalid), (rejection.Field, rejection.Kind));

        var down = new CitizenDirectoryCheck(new FakeDirectory(_ => throw Status_(StatusCode.Unavailable)), NewCache());
        var citizen = Guid.NewGuid();
        await Assert.ThrowsAsync<NeighbourUnavailable>(() => down.EnsureExistsAsync(citizen, CancellationToken.None));
        Assert.False(await down.RememberedAsync(citizen), "an outage is not remembered as a yes");
    }
}
