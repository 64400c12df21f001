using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.AppHost;
using Omnichannel.Testing;
using Yarp.ReverseProxy;
using YamlDotNet.RepresentationModel;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// The one list of services (tools/Omnichannel.AppHost/PlatformServices.cs) against every place that must know it. Each
/// failure names the place and the service, so forgetting one fails here instead of as a 404 at the gateway, a service
/// the local run never starts, or a Deployment that is never rendered.
/// </summary>
public sealed class ServiceListTests
{
    internal static readonly string Root = FindRoot();

    [Fact]
    public void Every_service_project_of_the_solution_is_in_the_list_and_every_listed_project_is_in_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(Root, "Omnichannel.sln")).Replace('\\', '/');
        var inSolution = Regex.Matches(solution, @"""(services/[^/""]+/[^""]+\.csproj)""").Select(m => m.Groups[1].Value)
            .Where(IsServiceProject).ToHashSet();
        var listed = PlatformServices.All.Select(s => s.Project).ToHashSet();

        Assert.True(inSolution.SetEquals(listed),
            $"tools/Omnichannel.AppHost/PlatformServices.cs: service projects in Omnichannel.sln but not listed: [{string.Join(", ", inSolution.Except(listed))}]; "
            + $"listed but not in the solution: [{string.Join(", ", listed.Except(inSolution))}].");
        Assert.All(PlatformServices.All, s => Assert.True(File.Exists(Path.Combine(Root, s.Project)), $"{s.Name}: {s.Project} does not exist"));
    }

    [Fact]
    public void Names_and_local_ports_are_each_used_once()
    {
        var names = PlatformServices.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z]([-a-z0-9]*[a-z0-9])?$", n));
        var ports = PlatformServices.All.SelectMany(s => new[] { s.HttpPort, s.GrpcPort }).Append(PlatformServices.GatewayPort).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public async Task The_gateway_routes_api_and_openapi_of_every_listed_service_its_launcher_names()
    {
        var tokens = new Tokens();
        var settings = new Dictionary<string, string?> { ["Auth:SigningKey"] = tokens.Settings.SigningKey };
        foreach (var service in PlatformServices.All)
        {
            settings[$"services:{service.Name}:http"] = $"http://127.0.0.1:{service.HttpPort}";
            settings[$"services:{service.Name}:title"] = service.ApiTitle;
        }
        await using var gateway = new ServiceHost<Program>(settings, withGrpc: false);
        gateway.Start();

        var proxy = gateway.Services.GetRequiredService<IProxyStateLookup>();
        var routes = proxy.GetRoutes().Select(r => r.Config).ToList();
        foreach (var service in PlatformServices.All)
        {
            Assert.True(proxy.TryGetCluster(service.Name, out _), $"gateway: no cluster for {service.Name}");
            Assert.True(routes.Any(r => r.ClusterId == service.Name && r.Match.Path == $"/api/{service.Name}/{{**rest}}"), $"gateway: no /api/{service.Name} route");
            Assert.True(routes.Any(r => r.ClusterId == service.Name && r.Match.Path == $"/openapi/{service.Name}.json"), $"gateway: no /openapi/{service.Name}.json route");
        }
        var names = PlatformServices.All.Select(s => s.Name).ToHashSet();
        Assert.All(routes, r => Assert.True(names.Contains(r.ClusterId!), $"gateway/appsettings.json: route {r.RouteId} names {r.ClusterId}, which is not in the list"));

        using var client = gateway.Client();
        var reference = await client.GetStringAsync("/scalar");
        Assert.All(PlatformServices.All, s => Assert.Contains(s.Name, reference));
    }

    [Fact]
    public void The_gateway_reads_services_as_aspire_and_the_helm_chart_name_them()
    {
        // services__<name>__http__0 is what the AppHost's WithReference and the chart's ConfigMap write.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:queues:http:0"] = "http://10.0.0.4:8080",
            ["services:queues:grpc:0"] = "http://10.0.0.4:8081",
            ["services:queues:title"] = "Queues",
            ["services:citizens:grpc:0"] = "http://10.0.0.5:8081", // a gRPC address alone is no route
        }).Build();

        var service = Assert.Single(Omnichannel.Gateway.ServiceRoutes.Services(configuration));
        Assert.Equal(new Omnichannel.Gateway.ServiceRoutes.Service("queues", "http://10.0.0.4:8080", "Queues"), service);
    }

    [Fact]
    public void The_local_run_starts_the_apphost_and_keeps_no_list_of_its_own()
    {
        var run = File.ReadAllText(Path.Combine(Root, "tools/run.sh"));
        Assert.Contains("Omnichannel.AppHost", run);
        Assert.All(PlatformServices.All, s =>
        {
            Assert.DoesNotContain(s.Project, run);
            Assert.DoesNotContain($"{s.HttpPort}", run);
            // Its secrets are generated from the list (the AppHost's --list-secrets), not named again.
            Assert.All(s.Secrets, key => Assert.DoesNotContain(key.Replace(":", "__"), run));
        });
    }

    [Fact]
    public async Task The_end_to_end_platform_hosts_every_listed_service()
    {
        var hosts = Platform.NewServiceHosts(new Dictionary<string, string?>(), TimeProvider.System);
        try
        {
            PlatformWiring.EnsureEveryService(hosts);
        }
        finally
        {
            foreach (var host in hosts.Values) await host.DisposeAsync();
        }
    }

    [Fact]
    public void The_helm_chart_has_an_entry_with_the_same_title_for_every_listed_service()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "charts/omnichannel/values.yaml"))) yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        var entries = services.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Value as YamlMappingNode);

        foreach (var service in PlatformServices.All)
        {
            Assert.True(entries.ContainsKey(service.Name), $"charts/omnichannel/values.yaml: no services.{service.Name}");
            var title = entries[service.Name]?.Children.FirstOrDefault(c => ((YamlScalarNode)c.Key).Value == "title").Value as YamlScalarNode;
            Assert.True(title?.Value == service.ApiTitle, $"charts/omnichannel/values.yaml: services.{service.Name}.title must be \"{service.ApiTitle}\"");
        }
        var unknown = entries.Keys.Where(k => k != "gateway" && PlatformServices.All.All(s => s.Name != k)).ToList();
        Assert.True(unknown.Count == 0, $"charts/omnichannel/values.yaml: services not in the list: [{string.Join(", ", unknown)}]");
    }

    [Fact]
    public void One_container_build_makes_every_image_under_the_listed_name()
    {
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")), "Dockerfile: the one image build is missing");
        var container = File.ReadAllText(Path.Combine(Root, "charts/container.props"));
        Assert.Contains(@"/(services/[A-Za-z0-9]+|gateway)/Omnichannel\.[A-Za-z0-9]+\.csproj$", container);
        foreach (var service in PlatformServices.All)
        {
            Assert.False(File.Exists(Path.Combine(Root, Path.GetDirectoryName(service.Project)!, "Dockerfile")), $"{service.Project}: a Dockerfile of its own (the root one builds every image)");
            // charts/container.props names the image omnichannel/<Name in kebab case>; the chart pulls omnichannel/<name>.
            var project = Path.GetFileNameWithoutExtension(service.Project)["Omnichannel.".Length..];
            Assert.True(Regex.Replace(project, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant() == service.Name,
                $"{service.Project}: its image would be omnichannel/{project.ToLowerInvariant()}, not omnichannel/{service.Name}");
        }
    }

    [Fact]
    public void No_service_configuration_file_holds_a_neighbours_address()
    {
        foreach (var service in PlatformServices.All)
            foreach (var file in Directory.GetFiles(Path.Combine(Root, Path.GetDirectoryName(service.Project)!), "appsettings*.json"))
            {
                var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
                Assert.False(json.Any(p => p.Key.Equals("services", StringComparison.OrdinalIgnoreCase)),
                    $"{Path.GetRelativePath(Root, file)}: neighbours' addresses come from the launcher (AppHost, Helm chart, tests), not from a 'Services' section");
            }
    }

    [Fact]
    public void The_readme_and_the_deployment_guide_give_the_same_steps_for_adding_a_service()
    {
        static string Steps(string file) => Regex.Match(File.ReadAllText(Path.Combine(Root, file)), @"## Adding a service\n(.*?)(?=\n## |\z)", RegexOptions.Singleline).Groups[1].Value.Trim();
        Assert.NotEqual("", Steps("README.md"));
        Assert.Equal(Steps("README.md"), Steps("docs/deploying.md"));
    }

    private static bool IsServiceProject(string path) =>
        !path.StartsWith("services/BuildingBlocks/", StringComparison.Ordinal)
        && File.Exists(Path.Combine(Root, path))
        && File.ReadAllText(Path.Combine(Root, path)).Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Omnichannel.sln"))) return dir.FullName;
        throw new InvalidOperationException("Omnichannel.sln not found above " + AppContext.BaseDirectory);
    }
}
