using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>Kiosk menus against the real procedures catalogue (gRPC), PostgreSQL and RabbitMQ: only what the catalogue
/// offers at kiosks, withdrawn and out-of-season procedures dropping out by themselves, printer procedures hidden while
/// the printer is out, and conditional fetches.</summary>
public sealed class MenuApiTests(MenusHost host) : IClassFixture<MenusHost>
{
    private static object Menu(params (string Code, bool NeedsPrinter)[] entries) => new
    {
        title = new { ca = "Tràmits més habituals", es = "Trámites más habituales", en = "Most common procedures" },
        entries = entries.Select(e => new { procedureCode = e.Code, needsPrinter = e.NeedsPrinter }).ToArray(),
    };

    private async Task PublishForOfficeAsync(string office, params (string Code, bool NeedsPrinter)[] entries) =>
        (await host.AsStaff().PutAsJsonAsync($"/api/kiosks/offices/{office}/menu", Menu(entries))).EnsureSuccessStatusCode();

    private static async Task<List<string>> ShownAsync(HttpClient kiosk, string kioskId) =>
        [.. (await kiosk.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kioskId}/menu")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("procedureCode").GetString()!)];

    private static Task<HttpResponseMessage> BeatAsync(HttpClient client, string kioskId, object peripherals) =>
        client.PostAsJsonAsync($"/api/kiosks/{kioskId}/heartbeats", new { sentAt = DateTimeOffset.UtcNow, softwareVersion = "2.1.0", peripherals });

    [Fact]
    public async Task A_procedure_the_catalogue_does_not_offer_at_kiosks_cannot_go_on_a_menu_and_the_400_names_the_entry()
    {
        var office = await host.RegisterOfficeAsync();
        var atKiosks = await host.PublishProcedureAsync("census", "online", "kiosk");
        var onlineOnly = await host.PublishProcedureAsync("licence", "online", "appointment");

        var response = await host.AsStaff().PutAsJsonAsync($"/api/kiosks/offices/{office}/menu", Menu((atKiosks, false), (onlineOnly, false)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("entries[1].procedureCode", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.AsStaff().GetAsync($"/api/kiosks/offices/{office}/menu")).StatusCode);
    }

    [Fact]
    public async Task Withdrawn_and_out_of_season_procedures_drop_out_of_the_menu_by_themselves_keeping_the_order_of_the_rest()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var first = await host.PublishProcedureAsync("first", "kiosk");
        var seasonal = await host.PublishProcedureAsync("aid", "online", "kiosk");
        var last = await host.PublishProcedureAsync("last", "kiosk", "point0");
        await PublishForOfficeAsync(office, (last, false), (seasonal, false), (first, false));
        Assert.Equal([last, seasonal, first], await ShownAsync(client, kiosk.KioskId));

        // Its only campaign ended last month: out of season.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (await host.CatalogueAsStaff().PostAsJsonAsync("/api/procedures/campaigns", new
        {
            code = $"aid-{Guid.NewGuid():N}"[..12], names = new { ca = "Ajuts", es = "Ayudas", en = "Aid" }, procedureCodes = new[] { seasonal },
            opensOn = today.AddDays(-60), closesOn = today.AddDays(-30),
        })).EnsureSuccessStatusCode();
        (await host.CatalogueAsStaff().PostAsJsonAsync($"/api/procedures/{first}/withdrawal", new { reason = "Replaced" })).EnsureSuccessStatusCode();

        Assert.Equal([last], await ShownAsync(client, kiosk.KioskId));
        var menu = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/menu");
        var item = menu.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(1, item.GetProperty("position").GetInt32());
        Assert.Equal("Tràmit last", item.GetProperty("name").GetProperty("ca").GetString());
        Assert.Equal("Procedure last", item.GetProperty("name").GetProperty("en").GetString());
        Assert.Equal("Trámites más habituales", menu.GetProperty("title").GetProperty("es").GetString());
    }

    [Fact]
    public async Task A_procedure_that_needs_the_printer_is_hidden_while_the_printer_is_out_and_back_when_it_prints_again()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen", "printer");
        var (noPrinter, noPrinterClient) = await host.KioskAsync(office, "touchscreen");
        var certificate = await host.PublishProcedureAsync("certificate", "kiosk");
        var appointment = await host.PublishProcedureAsync("appointment", "kiosk");
        await PublishForOfficeAsync(office, (certificate, true), (appointment, false));
        Assert.Equal([certificate, appointment], await ShownAsync(client, kiosk.KioskId));

        (await BeatAsync(client, kiosk.KioskId, new { printer = "out", touchscreen = "ok" })).EnsureSuccessStatusCode();
        Assert.Equal([appointment], await ShownAsync(client, kiosk.KioskId));
        Assert.False((await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/menu")).GetProperty("canPrint").GetBoolean());

        (await BeatAsync(client, kiosk.KioskId, new { printer = "paper-low", touchscreen = "ok" })).EnsureSuccessStatusCode();
        Assert.Equal([certificate, appointment], await ShownAsync(client, kiosk.KioskId));
        // A kiosk enrolled without a printer never shows it.
        Assert.Equal([appointment], await ShownAsync(noPrinterClient, noPrinter.KioskId));
    }

    [Fact]
    public async Task The_kiosk_gets_304_while_its_menu_is_unchanged_and_the_new_content_once_a_version_is_published_or_the_printer_fails()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen", "printer");
        var certificate = await host.PublishProcedureAsync("certificate", "kiosk");
        var payment = await host.PublishProcedureAsync("payment", "kiosk");
        await PublishForOfficeAsync(office, (certificate, true));

        var first = await client.GetAsync($"/api/kiosks/{kiosk.KioskId}/menu");
        var etag = first.Headers.ETag!;
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(client, kiosk.KioskId, etag)).StatusCode);

        var published = await host.AsStaff().PutAsJsonAsync($"/api/kiosks/offices/{office}/menu", Menu((payment, false), (certificate, true)));
        Assert.Equal("\"2\"", published.Headers.ETag!.Tag);
        var changed = await ConditionalAsync(client, kiosk.KioskId, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(client, kiosk.KioskId, changed.Headers.ETag!)).StatusCode);

        (await BeatAsync(client, kiosk.KioskId, new { printer = "jammed" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await ConditionalAsync(client, kiosk.KioskId, changed.Headers.ETag!)).StatusCode);
    }

    [Fact]
    public async Task A_kiosk_s_own_menu_replaces_its_office_s_a_stale_If_Match_is_a_412_and_a_kiosk_cannot_read_another_kiosk_s_menu()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var (other, _) = await host.KioskAsync(office, "touchscreen");
        var census = await host.PublishProcedureAsync("census", "kiosk");
        var pets = await host.PublishProcedureAsync("pets", "kiosk");
        await PublishForOfficeAsync(office, (census, false));

        (await host.AsStaff().PutAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/menu", Menu((pets, false)))).EnsureSuccessStatusCode();
        var own = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/menu");
        Assert.Equal("kiosk", own.GetProperty("scope").GetString());
        Assert.Equal([pets], await ShownAsync(client, kiosk.KioskId));
        Assert.Equal([census], await ShownAsync(host.AsStaff(), other.KioskId));

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/kiosks/offices/{office}/menu") { Content = JsonContent.Create(Menu((pets, false))) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await host.AsStaff().SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/kiosks/{other.KioskId}/menu")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/menu", Menu((census, false)))).StatusCode);
    }

    private static async Task<HttpResponseMessage> ConditionalAsync(HttpClient client, string kioskId, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/kiosks/{kioskId}/menu");
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }
}
