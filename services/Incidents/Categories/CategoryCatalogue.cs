using Omnichannel.Contracts;

namespace Omnichannel.Incidents.Categories;

/// <summary>A category of the council's catalogue: what the citizen picks when reporting, what staff set at triage.
/// Street problems need to say where (<paramref name="LocationRequired"/>): nobody can mend a pothole without it.</summary>
public sealed record IncidentCategory(string Code, LocalizedText Name, bool LocationRequired)
{
    /// <summary>What else a report of this category may (or must) say, e.g. a streetlight's pole number: Open311's
    /// <c>services/{code}</c> attributes, <c>attribute[code]</c> in a request.</summary>
    public IReadOnlyList<CategoryAttribute> Attributes { get; init; } = [];
}

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
        new("streetlight", new("Fanal espatllat", "Farola averiada", "Broken streetlight"), LocationRequired: true)
        {
            // The number on the pole's plate tells the maintenance crew which lamp of a long street it is.
            Attributes = [new CategoryAttribute("pole_number", new("Número del fanal (a la placa del pal)", "Número de la farola (en la placa del poste)",
                "Pole number (on the plate of the pole)"), CategoryAttribute.Text, Required: false)],
        },
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
                bool.TryParse(c["LocationRequired"], out var required) && required) { Attributes = AttributesOf(c) })
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        return declared.Count > 0 ? declared : Demo;
    }

    /// <summary><c>…:Categories:&lt;code&gt;:Attributes:&lt;attribute&gt;</c> with <c>Ca</c>, <c>Es</c>, <c>En</c>,
    /// <c>Datatype</c> (<c>string</c>, the default, or <c>number</c>) and <c>Required</c>; in the order of their codes.</summary>
    private static IReadOnlyList<CategoryAttribute> AttributesOf(IConfigurationSection category) =>
        category.GetSection("Attributes").GetChildren()
            .Select(a => new CategoryAttribute(a.Key, new LocalizedText(a["Ca"] ?? a.Key, a["Es"] ?? a.Key, a["En"] ?? a.Key),
                a["Datatype"] == CategoryAttribute.Number ? CategoryAttribute.Number : CategoryAttribute.Text,
                bool.TryParse(a["Required"], out var required) && required))
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();

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
