using Omnichannel.Contracts;

namespace Omnichannel.Incidents.Categories;

/// <summary>A category of the council's catalogue: what the citizen picks when reporting, what staff set at triage.
/// Street problems need to say where (<paramref name="LocationRequired"/>): nobody can mend a pothole without it.</summary>
public sealed record IncidentCategory(string Code, LocalizedText Name, bool LocationRequired);

/// <summary>
/// Each council's categories, from <c>Incidents:Councils:&lt;council&gt;:Categories:&lt;code&gt;</c> (<c>Ca</c>, <c>Es</c>,
/// <c>En</c>, <c>LocationRequired</c>) when it declares any, else the built-in demo catalogue; and how near two located
/// reports must be to be the same problem (<c>Incidents:NearbyMeters</c>, per council first, default 50).
/// </summary>
public sealed class CategoryCatalogue(IConfiguration configuration)
{
    public const double DefaultNearbyMeters = 50;

    public static readonly IReadOnlyList<IncidentCategory> Demo =
    [
        new("pothole", new("Sot a la calçada", "Bache en la calzada", "Pothole"), LocationRequired: true),
        new("streetlight", new("Fanal espatllat", "Farola averiada", "Broken streetlight"), LocationRequired: true),
        new("graffiti", new("Pintades", "Pintadas", "Graffiti"), LocationRequired: true),
        new("litter", new("Brutícia o contenidor ple", "Suciedad o contenedor lleno", "Litter or full bin"), LocationRequired: true),
        new("noise", new("Soroll", "Ruido", "Noise"), LocationRequired: false),
        new("e-office", new("Seu electrònica", "Sede electrónica", "E-office"), LocationRequired: false),
        new("other", new("Altres", "Otros", "Other"), LocationRequired: false),
    ];

    public IReadOnlyList<IncidentCategory> For(string council)
    {
        var declared = configuration.GetSection($"Incidents:Councils:{council}:Categories").GetChildren()
            .Select(c => new IncidentCategory(c.Key, new LocalizedText(c["Ca"] ?? c.Key, c["Es"] ?? c.Key, c["En"] ?? c.Key),
                bool.TryParse(c["LocationRequired"], out var required) && required))
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        return declared.Count > 0 ? declared : Demo;
    }

    public IncidentCategory? Find(string council, string code) => For(council).FirstOrDefault(c => c.Code == code);

    public string UnknownMessage(string council) => $"Unknown category; use one of: {string.Join(", ", For(council).Select(c => c.Code))}.";

    public double NearbyMeters(string council) =>
        configuration.GetValue<double?>($"Incidents:Councils:{council}:NearbyMeters") ?? configuration.GetValue<double?>("Incidents:NearbyMeters") ?? DefaultNearbyMeters;
}

/// <summary>GET /api/incidents/categories: what a citizen may pick when reporting (any client).</summary>
public static class ListCategoriesEndpoint
{
    public static IResult Handle(CategoryCatalogue catalogue, Marten.IQuerySession session) =>
        TypedResults.Ok(catalogue.For(Omnichannel.BuildingBlocks.Context.RequestContext.TenantId ?? session.TenantId));
}
