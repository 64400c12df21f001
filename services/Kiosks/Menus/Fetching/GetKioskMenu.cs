using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Net.Http.Headers;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Kiosks.Health;
using Omnichannel.Kiosks.LookingUp;

namespace Omnichannel.Kiosks.Menus.Fetching;

/// <summary>A line of the menu a kiosk shows, in order, with the procedure's name in Catalan, Spanish and English.</summary>
public sealed record KioskMenuItem(int Position, string ProcedureCode, string Category, LocalizedText Name, string? EOfficeUrl, bool NeedsPrinter);

/// <summary>The menu as this kiosk shows it now: <c>scope</c> kiosk when it has its own, else office; <c>version</c> the
/// published version; <c>canPrint</c> whether procedures that need the printer are shown.</summary>
public sealed record KioskMenu(string KioskId, MenuScope Scope, int Version, LocalizedText Title, bool CanPrint, IReadOnlyList<KioskMenuItem> Items);

public static class KioskMenuComposition
{
    /// <summary>A printer that is out of paper or jammed cannot print; paper low still can. A kiosk enrolled without a
    /// printer never can.</summary>
    public static bool CanPrint(IReadOnlyList<Peripheral> profile, KioskHealth? health) =>
        profile.Contains(Peripheral.Printer)
        && (health?.StateOf(Peripheral.Printer) ?? PeripheralState.Ok) is not (PeripheralState.Out or PeripheralState.Jammed or PeripheralState.Fault);

    /// <summary>The published entries, in their order, less what the catalogue no longer offers at kiosks today
    /// (withdrawn, out of season, taken off the kiosk channel) and what needs a printer the kiosk cannot use now.</summary>
    public static IReadOnlyList<KioskMenuItem> Compose(IReadOnlyList<MenuEntry> entries, IReadOnlyDictionary<string, KioskProcedure> offeredToday, bool canPrint)
    {
        var items = new List<KioskMenuItem>();
        foreach (var entry in entries)
        {
            if (!offeredToday.TryGetValue(entry.ProcedureCode, out var procedure)) continue;
            if (entry.NeedsPrinter && !canPrint) continue;
            items.Add(new KioskMenuItem(items.Count + 1, procedure.Code, procedure.Category, procedure.Name, procedure.EOfficeUrl, entry.NeedsPrinter));
        }
        return items;
    }

    /// <summary>A strong validator of exactly what is served: it changes when a version is published, the catalogue
    /// changes a name or drops a procedure, or the printer comes and goes — and only then.</summary>
    public static string ETagOf(KioskMenu menu)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(menu);
        return $"\"m{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}\"";
    }
}

public static class GetKioskMenuEndpoint
{
    public static async Task<IResult> Handle(string kioskId, IQuerySession session, IKioskCatalogue catalogue, HttpContext http, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var kiosk = await session.LoadAsync<KioskView>(KioskState.StreamKey(id), ct) ?? throw Rejection.NotFound($"There is no kiosk '{id}'.");
        var menus = await session.LoadManyAsync<KioskMenuView>(ct,
            MenuState.StreamKey(MenuScope.Kiosk, kiosk.KioskId), MenuState.StreamKey(MenuScope.Office, kiosk.OfficeId));
        var menu = menus.FirstOrDefault(m => m.Scope == MenuScope.Kiosk) ?? menus.FirstOrDefault()
            ?? throw Rejection.NotFound($"No kiosk menu is published for kiosk '{kiosk.KioskId}' or its office.");
        var health = await session.LoadAsync<KioskHealthDocument>(kiosk.KioskId, ct);
        var canPrint = KioskMenuComposition.CanPrint(kiosk.Peripherals, health?.Health);
        var offered = await catalogue.KioskProceduresAsync(inSeasonOnly: true, ct);
        var served = new KioskMenu(kiosk.KioskId, menu.Scope, menu.Version, menu.Title, canPrint, KioskMenuComposition.Compose(menu.Entries, offered, canPrint));

        var etag = KioskMenuComposition.ETagOf(served);
        http.Response.Headers.ETag = etag;
        // Kept, but asked again every time: a withdrawal or a jammed printer must show at the next fetch.
        http.Response.Headers.CacheControl = "private, no-cache";
        if (http.Request.Headers.IfNoneMatch.Count > 0
            && EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(served);
    }
}
