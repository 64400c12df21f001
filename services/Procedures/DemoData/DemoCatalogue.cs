using System.Text.Json;
using JasperFx.Events;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Procedures.Campaigns;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Publishing;

namespace Omnichannel.Procedures.DemoData;

/// <summary>
/// Loads the demo catalogue (DemoData/catalogue.json) for each council in <c>DemoData:Tenants</c> when
/// <c>DemoData:Enabled</c> is true, through the same decisions staff use. Idempotent: what exists is left alone.
/// </summary>
public sealed class DemoCatalogue(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<DemoCatalogue> logger) : IHostedService
{
    public sealed record File(List<ProcedureRequest> Procedures, List<CampaignRequest> Campaigns);

    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        var tenants = configuration.GetSection("DemoData:Tenants").Get<string[]>() is { Length: > 0 } t ? t : ["mataro"];
        var file = await Read(ct);
        foreach (var tenant in tenants)
        {
            using var context = RequestContext.Begin(tenant, null);
            var loaded = await Load(file, ct);
            logger.LogInformation("Demo catalogue for {Tenant}: {Loaded} new entries", tenant, loaded);
        }
    }

    public static async Task<File> Read(CancellationToken ct)
    {
        await using var stream = System.IO.File.OpenRead(Path.Combine(AppContext.BaseDirectory, "DemoData", "catalogue.json"));
        return await JsonSerializer.DeserializeAsync<File>(stream, JsonSerializerOptions.Web, ct)
            ?? throw new InvalidOperationException("DemoData/catalogue.json is empty.");
    }

    private async Task<int> Load(File file, CancellationToken ct)
    {
        var loaded = 0;
        foreach (var request in file.Procedures)
        {
            await using var session = store.OpenTenantSession();
            var command = new PublishProcedure(request.Code!, request.ToDetails(), clock.GetUtcNow(), "demo-data");
            if (await Exists(session, Procedure.StreamKey(command.Code), ct)) continue;
            await Tolerating(() => session.DecideAndAppendAsync(Procedure.StreamKey(command.Code), Procedure.Initial, Procedure.Evolve,
                state => PublishProcedureDecision.Decide(command, state), ct));
            loaded++;
        }

        var published = file.Procedures.Select(p => p.Code!).ToHashSet();
        foreach (var request in file.Campaigns)
        {
            await using var session = store.OpenTenantSession();
            var command = new OpenCampaign(request.Code!, request.Names!, request.ProcedureCodes!, request.OpensOn!.Value, request.ClosesOn!.Value, clock.GetUtcNow(), "demo-data");
            if (await Exists(session, Campaign.StreamKey(command.Code), ct)) continue;
            await Tolerating(() => session.DecideAndAppendAsync(Campaign.StreamKey(command.Code), Campaign.Initial, Campaign.Evolve,
                state => CampaignDecisions.Decide(command, state, published), ct));
            loaded++;
        }
        return loaded;
    }

    private static async Task<bool> Exists(IDocumentSession session, string streamKey, CancellationToken ct) =>
        await session.Events.FetchStreamStateAsync(streamKey, ct) is not null;

    /// <summary>Two replicas starting together may both try: the loser's collision is expected.</summary>
    private static async Task Tolerating(Func<Task> append)
    {
        try { await append(); }
        catch (Exception e) when (LostRace.Is(e)) { }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
