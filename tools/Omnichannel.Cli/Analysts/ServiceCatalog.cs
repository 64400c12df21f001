using Omnichannel.AppHost;

namespace Omnichannel.Cli.Analysts;

/// <summary>The services an analyst can export: exactly the platform's one list (compiled in from
/// tools/Omnichannel.AppHost/PlatformServices.cs). Each service's Marten schema is its name, so a service added to
/// the list is exported, granted and counted without new code here.</summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<string> Names { get; } = PlatformServices.All.Select(s => s.Name).ToArray();

    public static bool Exists(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The PostgreSQL schema holding the service's events (<c>AddServiceDefaults</c> uses the service's name).</summary>
    public static string SchemaOf(string name) => Exists(name)
        ? name
        : throw new ArgumentException($"'{name}' is not a service of the platform.", nameof(name));

    /// <summary>The CloudEvents <c>source</c> the service's outbox stamps (IIntegrationEventMapper.Source).</summary>
    public static string SourceOf(string name) => $"/omnichannel/{name}";
}
