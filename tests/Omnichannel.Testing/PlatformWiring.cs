using Omnichannel.AppHost;

namespace Omnichannel.Testing;

/// <summary>What a launcher tells the hosts of a platform about each other, as the AppHost and the Helm chart do:
/// every service hears where its neighbours answer gRPC (<c>services:{name}:grpc</c>), the gateway where each one
/// answers REST and what its API is called (<c>services:{name}:http</c>, <c>services:{name}:title</c>).</summary>
public static class PlatformWiring
{
    /// <summary>Fails, naming them, when <paramref name="hosts"/> lacks a service of <see cref="PlatformServices.All"/>
    /// or has one the list does not know.</summary>
    public static void EnsureEveryService(IReadOnlyDictionary<string, IServiceHost> hosts)
    {
        var listed = PlatformServices.All.Select(s => s.Name).ToHashSet();
        var missing = listed.Except(hosts.Keys).Order().ToList();
        var unknown = hosts.Keys.Except(listed).Order().ToList();
        if (missing.Count > 0 || unknown.Count > 0)
            throw new InvalidOperationException(
                $"The test platform must host exactly the services of PlatformServices.All: missing [{string.Join(", ", missing)}], not listed [{string.Join(", ", unknown)}].");
    }

    /// <summary>Tells every service where the others answer gRPC.</summary>
    public static void IntroduceNeighbours(IReadOnlyDictionary<string, IServiceHost> hosts)
    {
        foreach (var (name, host) in hosts)
            foreach (var (other, neighbour) in hosts)
                if (other != name && neighbour.GrpcAddress is { } grpc)
                    host.With($"services:{other}:grpc", grpc.ToString());
    }

    /// <summary>The gateway's settings naming every service's REST address and API title.</summary>
    public static Dictionary<string, string?> GatewaySettings(IReadOnlyDictionary<string, IServiceHost> hosts)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, host) in hosts)
        {
            settings[$"services:{name}:http"] = host.HttpAddress.ToString();
            settings[$"services:{name}:title"] = PlatformServices.All.FirstOrDefault(s => s.Name == name)?.ApiTitle;
        }
        return settings;
    }
}
