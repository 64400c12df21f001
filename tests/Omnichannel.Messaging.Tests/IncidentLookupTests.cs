using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>Keyword + incident code (N…) through the chat: the status from incidents' IncidentDesk over gRPC; a code
/// nobody was given, or another council's, reveals nothing.</summary>
[Collection(Collections.Webhooks)]
public sealed class IncidentLookupTests(MessagingPlatform platform)
{
    private async Task<string> AskAsync(long chat, string text, int count)
    {
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, text, "ca"));
        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= count, TimeSpan.FromSeconds(20), "the answer");
        return sent[count - 1].Text;
    }

    private async Task<string> ReportAsync(string tenant = Tokens.Tenant)
    {
        using var client = platform.Incidents.Client(platform.Tokens.ChannelApp(tenant));
        var response = await client.PostAsJsonAsync("/api/incidents", new { kind = "suggestion", channel = "telegram", description = "Més bancs a la plaça" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Keyword_and_an_incident_code_give_its_status_and_an_unknown_or_foreign_code_reveals_nothing()
    {
        var chat = Updates.NewChat();
        var code = await ReportAsync();
        Assert.StartsWith($"Incidència {code} (suggeriment): rebuda des del ", await AskAsync(chat, $"incidencia {code.ToLowerInvariant()}", 1));

        var nobodys = await AskAsync(chat, $"INCIDÈNCIA {PersonalCode.Incident.New()}", 2);
        Assert.Equal("No trobem res amb aquest codi per a tu. Revisa'l i torna-ho a provar.", nobodys);
        var foreign = await ReportAsync("el-prat");
        Assert.Equal(nobodys, await AskAsync(chat, $"INCIDÈNCIA {foreign}", 3));
    }
}
