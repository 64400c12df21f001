using Yarp.ReverseProxy.Configuration;

namespace Omnichannel.Gateway;

/// <summary>
/// The plain routes of every service, built from the services its launcher names — the AppHost, the Helm chart or a
/// test — under <c>services:{name}</c>, Aspire's service-discovery convention: <c>services:{name}:http:0</c> (or
/// <c>services:{name}:http</c>) is where the service answers REST, <c>services:{name}:title</c> names its API reference.
/// Each one gets a cluster <c>{name}</c>, <c>/api/{name}/{**rest}</c> (a client token, per-client rate limit, admitted as
/// a read or a write) and
/// <c>/openapi/{name}.json</c> (anonymous). Only routes with rules of their own (admission, booking limits) are written
/// in <c>ReverseProxy:Routes</c>, and they name one of these clusters.
/// </summary>
public static class ServiceRoutes
{
    public const string Section = "services";

    public sealed record Service(string Name, string Address, string Title);

    /// <summary>The services named in configuration that have a REST address, in name order.</summary>
    public static IReadOnlyList<Service> Services(IConfiguration configuration) =>
        configuration.GetSection(Section).GetChildren()
            .Select(s => (s.Key, Address: s["http"] ?? s["http:0"], Title: s["title"]))
            .Where(s => !string.IsNullOrWhiteSpace(s.Address))
            .Select(s => new Service(s.Key.ToLowerInvariant(), s.Address!, string.IsNullOrWhiteSpace(s.Title) ? s.Key : s.Title))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    public static IReverseProxyBuilder LoadFromServices(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var services = Services(configuration);
        var routes = services.SelectMany(s => new[]
        {
            // Reads and writes are admitted separately (Admission:InFlight:read / :write per council), so an
            // overloaded service is answered at once with a 429 instead of queueing everyone until all are slow.
            Api(s, "read", ["GET", "HEAD"]),
            Api(s, "write", ["POST", "PUT", "PATCH", "DELETE"]),
            new RouteConfig
            {
                RouteId = $"{s.Name}-openapi", ClusterId = s.Name, AuthorizationPolicy = "anonymous",
                Match = new RouteMatch { Path = $"/openapi/{s.Name}.json", Methods = ["GET"] },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            },
        }).ToList();
        var clusters = services.Select(s => new ClusterConfig
        {
            ClusterId = s.Name,
            Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = s.Address } },
        }).ToList();
        return proxy.LoadFromMemory(routes, clusters);
    }

    private static RouteConfig Api(Service service, string admission, IReadOnlyList<string> methods) => new()
    {
        RouteId = $"{service.Name}-api-{admission}",
        ClusterId = service.Name,
        Match = new RouteMatch { Path = $"/api/{service.Name}/{{**rest}}", Methods = methods },
        Metadata = new Dictionary<string, string> { [AdmissionMiddleware.MetadataKey] = admission },
    };
}
