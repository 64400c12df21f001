using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;
using Omnichannel.Kiosks.LookingUp;
using Omnichannel.BuildingBlocks.OfficeDirectory;

namespace Omnichannel.Kiosks.Menus.Publishing;

/// <summary>A new version of a menu: its title in Catalan, Spanish and English and its procedures in order.</summary>
public sealed record PublishMenuRequest(LocalizedText? Title, IReadOnlyList<MenuEntryRequest>? Entries);

public sealed record MenuEntryRequest(string? ProcedureCode, bool NeedsPrinter = false);

public sealed class PublishMenuRequestValidator : AbstractValidator<PublishMenuRequest>
{
    public PublishMenuRequestValidator()
    {
        RuleFor(r => r.Title).NotNull();
        RuleFor(r => r.Title!.Ca).NotEmpty().MaximumLength(120).When(r => r.Title is not null).OverridePropertyName("title.ca");
        RuleFor(r => r.Title!.Es).NotEmpty().MaximumLength(120).When(r => r.Title is not null).OverridePropertyName("title.es");
        RuleFor(r => r.Title!.En).NotEmpty().MaximumLength(120).When(r => r.Title is not null).OverridePropertyName("title.en");
        RuleFor(r => r.Entries).NotEmpty().Must(e => e is null || e.Count <= 40).WithMessage("Between 1 and 40 procedures: a kiosk screen, not the catalogue.");
        RuleForEach(r => r.Entries).NotNull().WithMessage("Each entry names a procedure.").ChildRules(e =>
            e.RuleFor(x => x.ProcedureCode).NotEmpty().MaximumLength(60).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("A procedure code, e.g. 'census-certificate'."));
    }
}

/// <summary>What publishing answers (and the staff read of a published menu).</summary>
public sealed record PublishedMenu(MenuScope Scope, string ScopeId, string OfficeId, int Version, LocalizedText Title,
    IReadOnlyList<MenuEntry> Entries, DateTimeOffset PublishedAt)
{
    public static PublishedMenu Of(KioskMenuView v) => new(v.Scope, v.ScopeId, v.OfficeId, v.Version, v.Title, v.Entries, v.PublishedAt);
}

public static class PublishMenuEndpoint
{
    public static async Task<IResult> ForOffice(string officeId, PublishMenuRequest request, IDocumentSession session, IKioskCatalogue catalogue,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await DirectoryOffices.FindAsync(session, officeId, ct) is null)
            throw Rejection.NotFound($"Office '{officeId}' is not in the office directory.");
        return await PublishAsync(MenuScope.Office, officeId, officeId, request, session, catalogue, clock, http, ct);
    }

    public static async Task<IResult> ForKiosk(string kioskId, PublishMenuRequest request, IDocumentSession session, IKioskCatalogue catalogue,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var kiosk = await session.LoadAsync<KioskView>(KioskState.StreamKey(id), ct) ?? throw Rejection.NotFound($"There is no kiosk '{id}'.");
        return await PublishAsync(MenuScope.Kiosk, kiosk.KioskId, kiosk.OfficeId, request, session, catalogue, clock, http, ct);
    }

    private static async Task<IResult> PublishAsync(MenuScope scope, string scopeId, string officeId, PublishMenuRequest request, IDocumentSession session,
        IKioskCatalogue catalogue, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var expected = Versioning.ExpectedVersion(http.Request);
        var offered = await catalogue.KioskProceduresAsync(inSeasonOnly: false, ct);
        var title = request.Title!;
        var command = new PublishMenu(scope, scopeId, officeId, new LocalizedText(title.Ca.Trim(), title.Es.Trim(), title.En.Trim()),
            [.. request.Entries!.Select(e => new MenuEntry(e.ProcedureCode!, e.NeedsPrinter))], offered.Keys.ToHashSet(StringComparer.Ordinal),
            clock.GetUtcNow(), http.User.Subject());
        var key = MenuState.StreamKey(scope, scopeId);
        var decided = await session.DecideAndAppendAsync(key, MenuState.Initial, MenuState.Evolve, state => MenuDecisions.Decide(command, state), ct, expected);
        var published = (KioskMenuPublished)decided.Events.Single();
        http.Response.Headers.ETag = Versioning.ETag(decided.Version);
        return TypedResults.Ok(new PublishedMenu(scope, scopeId, officeId, published.Version, published.Title, published.Entries, published.At));
    }

    /// <summary>The published version of an office's menu as staff edit it (ETag: its version, for If-Match).</summary>
    public static async Task<IResult> GetOfficeMenu(string officeId, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<KioskMenuView>(MenuState.StreamKey(MenuScope.Office, officeId), ct)
            ?? throw Rejection.NotFound($"Office '{officeId}' has no kiosk menu published.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(PublishedMenu.Of(view));
    }
}
