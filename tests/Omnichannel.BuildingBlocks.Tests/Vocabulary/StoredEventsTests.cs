using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Omnichannel.BuildingBlocks.Tests.Outbox;

namespace Omnichannel.BuildingBlocks.Tests.Vocabulary;

public enum CaseStage { Submitted, InReview, AwaitingCitizen }

public sealed record CaseStageChanged(Guid CaseId, CaseStage Stage);

/// <summary>The wire casing (<see cref="BuildingBlocks.Vocabulary.WireEnumConverter"/>) is the HTTP JSON's only: events are
/// kept by Marten's own serializer, so what was stored before the casing changed reads back as it was.</summary>
public sealed class StoredEventsTests
{
    [Fact]
    public async Task An_enum_in_an_event_stored_before_the_wire_casing_changed_still_reads()
    {
        await using var service = await PingService.StartAsync();
        var stream = $"case-stage:{Guid.NewGuid():N}";
        await using (var session = service.Store.LightweightSession("mataro"))
        {
            session.Events.StartStream(stream, new CaseStageChanged(Guid.NewGuid(), CaseStage.InReview));
            await session.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(service.Configuration.GetConnectionString("Postgres"));
        await connection.OpenAsync();
        var stored = JsonNode.Parse(await DataAsync(connection, stream))!.AsObject();
        Assert.DoesNotContain("in-review", stored.ToJsonString()); // not the wire's spelling: Marten's own
        var member = stored.Select(p => p.Key).Single(k => string.Equals(k, "stage", StringComparison.OrdinalIgnoreCase));

        // Each spelling a stored event had before: the one just written, and the one the platform's first versions wrote.
        foreach (var legacy in new JsonNode?[] { stored[member]!.DeepClone(), JsonValue.Create(1) })
        {
            stored[member] = legacy;
            await using (var update = new NpgsqlCommand("update ping.mt_events set data = @data::jsonb where stream_id = @stream", connection))
            {
                update.Parameters.AddWithValue("data", stored.ToJsonString());
                update.Parameters.AddWithValue("stream", stream);
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }

            await using var read = service.Store.QuerySession("mataro");
            var events = await read.Events.FetchStreamAsync(stream);
            Assert.Equal(CaseStage.InReview, Assert.IsType<CaseStageChanged>(Assert.Single(events).Data).Stage);
        }
    }

    private static async Task<string> DataAsync(NpgsqlConnection connection, string stream)
    {
        await using var select = new NpgsqlCommand("select data::text from ping.mt_events where stream_id = @stream", connection);
        select.Parameters.AddWithValue("stream", stream);
        return (string)(await select.ExecuteScalarAsync())!;
    }
}
