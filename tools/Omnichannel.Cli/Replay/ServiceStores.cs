using System.Reflection;
using System.Runtime.Loader;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.AppHost;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Cli.Replay;

/// <summary>Bad input to a replay (unknown service or projection): one line for the analyst, exit 2.</summary>
public sealed class ReplayInputException(string message) : Exception(message);

/// <summary>
/// A service's Marten configuration, found without code per service: the one list (PlatformServices.cs) names the
/// service's project; its built assembly is loaded and its <see cref="ServiceSetup"/> (the same object the service
/// hands to <c>AddServiceDefaults</c>) gives the projections. The store is built by the building blocks'
/// <see cref="EventStoreSetup.AddEventStore"/>, as the service builds it, with the daemon off: a replay never runs
/// the service's subscriptions or takes its daemon's locks.
/// </summary>
public static class ServiceStores
{
    /// <summary>Set by tests (and hosts that have the service's assembly loaded already) to skip the file search.</summary>
    internal static Func<string, ServiceSetup?>? Override { get; set; }

    public static ServiceSetup SetupOf(string service)
    {
        var entry = PlatformServices.All.FirstOrDefault(s => s.Name == service)
            ?? throw new ReplayInputException($"Unknown service '{service}'. Services: {string.Join(", ", PlatformServices.All.Select(s => s.Name))}.");
        if (Override?.Invoke(service) is { } given) return given;

        var assemblyName = Path.GetFileNameWithoutExtension(entry.Project);
        var path = FindAssembly(entry.Project, assemblyName)
            ?? throw new ReplayInputException($"The service '{service}' is not built: {assemblyName}.dll was found neither beside this tool nor under {Path.GetDirectoryName(entry.Project)}/bin (build the solution first).");
        var assembly = Load(path);
        return FindSetup(assembly, service)
            ?? throw new ReplayInputException($"{assemblyName}.dll declares no ServiceSetup named '{service}'.");
    }

    /// <summary>A document store configured like the service's. With <paramref name="scratchSchema"/>, its documents
    /// (read models) live in that schema while its events are still read from the service's own tables.</summary>
    public static DocumentStore Build(ServiceSetup setup, string connectionString, Action<StoreOptions>? adjust = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Daemon:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEventStore(configuration, setup.Name, setup.EventStore, publishesIntegrationEvents: false);
        if (adjust is not null) services.ConfigureMarten(adjust);
        // The provider lives as long as the store: the store is all the caller keeps.
        var provider = services.BuildServiceProvider();
        return (DocumentStore)provider.GetRequiredService<IDocumentStore>();
    }

    private static string? FindAssembly(string project, string assemblyName)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (File.Exists(beside)) return beside;
        var projectDir = Path.GetDirectoryName(project)!;
        // Prefer the configuration this tool was built in, then any.
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, project))) continue;
                var bin = new DirectoryInfo(Path.Combine(dir.FullName, projectDir, "bin"));
                if (!bin.Exists) return null;
                var found = bin.EnumerateFiles(assemblyName + ".dll", SearchOption.AllDirectories)
                    .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}"))
                    .OrderByDescending(f => f.FullName.Contains($"{Path.DirectorySeparatorChar}{own}{Path.DirectorySeparatorChar}"))
                    .ThenByDescending(f => f.LastWriteTimeUtc)
                    .FirstOrDefault();
                return found?.FullName;
            }
        return null;
    }

    private static Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name);
        if (loaded is not null) return loaded;
        // The service's own dependencies (a chat library, a mail client…) come from its output folder; what this tool
        // has too (Marten, the building blocks) is shared, so ServiceSetup is the same type on both sides.
        var resolver = new AssemblyDependencyResolver(path);
        AssemblyLoadContext.Default.Resolving += (context, wanted) =>
            resolver.ResolveAssemblyToPath(wanted) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }

    private static ServiceSetup? FindSetup(Assembly assembly, string service)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }
        const BindingFlags statics = BindingFlags.Public | BindingFlags.Static;
        foreach (var type in types)
        {
            if (type is null || !type.IsAbstract || !type.IsSealed) continue; // static classes only
            foreach (var field in type.GetFields(statics).Where(f => f.FieldType == typeof(ServiceSetup)))
                if (field.GetValue(null) is ServiceSetup setup && setup.Name == service) return setup;
            foreach (var property in type.GetProperties(statics).Where(p => p.PropertyType == typeof(ServiceSetup)))
                if (property.GetValue(null) is ServiceSetup setup && setup.Name == service) return setup;
        }
        return null;
    }
}
