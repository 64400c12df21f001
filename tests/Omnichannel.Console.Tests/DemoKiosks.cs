using System.Net;
using System.Net.Http.Json;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>A kiosk as enrolment answers it (its credential shown this once).</summary>
internal sealed record Enrolled(string KioskId, string OfficeId, string Credential);

/// <summary>Kiosks for the browser tests at the demo office.</summary>
internal static class DemoKiosks
{
    /// <summary>A kiosk of its own for each test (one private session at a time per kiosk) at <paramref name="office"/>,
    /// with a menu of one walk-in need.</summary>
    public static async Task<Enrolled> EnrolAsync(ConsolePlatform platform, string office, string need, params string[] peripherals)
    {
        var staff = platform.AsStaff();
        var enrolled = await Eventually.Until(
            async () => await staff.PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "entrance", peripherals }),
            r => r.StatusCode == HttpStatusCode.Created, what: "the kiosks service to know the demo office");
        var kiosk = (await enrolled.Content.ReadFromJsonAsync<Enrolled>())!;
        var menu = new
        {
            title = new { ca = "Oficina d'atenció ciutadana", es = "Oficina de atención ciudadana", en = "Citizen service office" },
            entries = new[] { new { procedureCode = need, needsPrinter = false } },
        };
        using var published = await staff.PutAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/menu", menu);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return kiosk;
    }
}
