using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>A service's access log as the data-protection officer reads it: proves a panel sent the reason it stands
/// for, not just any reason (the panels' reads are the signed-in member of staff's, not the test token's).</summary>
internal static class AccessLogged
{
    public static async Task<List<string>> ReasonsAsync(this ConsolePlatform platform, string service, Guid citizen, string what)
    {
        var log = await platform.Gateway.Client(platform.Tokens.DataProtectionOfficer())
            .GetFromJsonAsync<JsonElement>($"/api/{service}/access-log?citizenId={citizen}");
        Assert.True(log.GetProperty("intact").GetBoolean());
        return log.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("what").GetString() == what && e.GetProperty("who").GetString() != "staff-ana")
            .Select(e => e.GetProperty("why").GetString() ?? "").ToList();
    }
}
