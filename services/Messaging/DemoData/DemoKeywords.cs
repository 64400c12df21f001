using System.Text.Json;
using Marten;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.DemoData;

/// <summary>
/// Loads the demo keyword set (DemoData/keywords.json, after the examples of Mataró's WhatsApp service: office hours,
/// census, appointments and cases by code, complaints, bulky waste) for each council in <c>DemoData:Tenants</c> when
/// <c>DemoData:Enabled</c> is true. A council that already has keywords keeps them.
/// </summary>
public sealed class DemoKeywords(IDocumentStore store, IConfiguration configuration, ILogger<DemoKeywords> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        var tenants = configuration.GetSection("DemoData:Tenants").Get<string[]>() is { Length: > 0 } t ? t : ["mataro"];
        var set = await ReadAsync(ct);
        foreach (var tenant in tenants)
        {
            await using var session = store.LightweightSession(tenant);
            if (await session.LoadAsync<KeywordSet>(KeywordSet.DocumentId, ct) is not null) continue;
            session.Insert(set);
            try
            {
                await session.SaveChangesAsync(ct);
                logger.LogInformation("Demo keywords for {Tenant}: {Count}", tenant, set.Keywords.Count);
            }
            catch (Exception e) when (e is JasperFx.DocumentAlreadyExistsException || e.InnerException is JasperFx.DocumentAlreadyExistsException)
            {
                // Another replica loaded them first.
            }
        }
    }

    public static async Task<KeywordSet> ReadAsync(CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "DemoData", "keywords.json"));
        return await JsonSerializer.DeserializeAsync<KeywordSet>(stream, JsonSerializerOptions.Web, ct)
            ?? throw new InvalidOperationException("DemoData/keywords.json is empty.");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
