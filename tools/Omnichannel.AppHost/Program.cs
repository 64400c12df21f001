using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.AppHost;

// The local run (tools/run.sh): every service of the list, the gateway in front, Aspire's dashboard beside them.
// PostgreSQL and RabbitMQ are the scripts' (ConnectionStrings:Postgres, ConnectionStrings:RabbitMq), as are the secrets.
if (args.Contains("--list-secrets"))
{
    // tools/run.sh generates a local value for each key it does not have yet: the list of services stays the one list.
    foreach (var key in PlatformServices.All.SelectMany(s => s.Secrets).Distinct()) Console.WriteLine(key.Replace(":", "__"));
    return;
}

var builder = DistributedApplication.CreateBuilder(args);
#if DEBUG
const string BuildConfiguration = "Debug";
#else
const string BuildConfiguration = "Release";
#endif
var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));

var secrets = new Dictionary<string, IResourceBuilder<ParameterResource>>(StringComparer.OrdinalIgnoreCase);
var postgres = builder.AddConnectionString("Postgres");
var rabbitMq = builder.AddConnectionString("RabbitMq");
var signingKey = Secret("Auth:SigningKey");
var demoData = builder.Configuration["DemoData:Enabled"] ?? "true";

var services = PlatformServices.All.Select(service =>
{
    var project = Built(service.Name, service.Project)
        .WithHttpEndpoint(port: service.HttpPort, name: "http", isProxied: false)
        .WithHttpEndpoint(port: service.GrpcPort, name: "grpc", isProxied: false)
        // The service's own listeners: REST on HTTP/1.1, gRPC on h2c (both loopback only).
        .WithEnvironment("Kestrel__Endpoints__Http__Url", Url("localhost", service.HttpPort))
        .WithEnvironment("Kestrel__Endpoints__Grpc__Url", Url("localhost", service.GrpcPort))
        .WithEnvironment("Kestrel__Endpoints__Grpc__Protocols", "Http2")
        .WithReference(postgres)
        .WithReference(rabbitMq)
        .WithEnvironment("Auth__SigningKey", signingKey)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("Daemon__Enabled", "true")
        .WithEnvironment("DemoData__Enabled", demoData)
        .WithHttpHealthCheck("/health/ready", endpointName: "http");
    foreach (var key in service.Secrets) project.WithEnvironment(key.Replace(":", "__"), Secret(key));
    return (service, project);
}).ToList();

// Tokens are validated by the identity service's published keys (JWKS) as well as by the local key (the tokens
// tools/run.sh prints with it, and the kiosks' device tokens, are still minted with the key). The services' tokens to
// each other come from the identity service (client credentials).
var identity = services.Single(s => s.service.Name == PlatformServices.IdentityService);
var authority = Url("localhost", identity.service.HttpPort);
var servicesClientSecret = Secret(PlatformServices.ServicesClientSecret);
foreach (var (_, project) in services)
    project.WithEnvironment("Auth__Authority", authority).WithEnvironment("Auth__RequireHttpsMetadata", "false")
        .WithEnvironment("Auth__ServiceClient__Secret", servicesClientSecret);

// Every service may ask every other over gRPC: each gets services:<name>:grpc:0 (and :http:0) of its neighbours.
foreach (var (service, project) in services)
    foreach (var (other, neighbour) in services)
        if (other != service) project.WithReference(neighbour.GetEndpoint("grpc"));

var gatewayPort = builder.Configuration.GetValue("Gateway:Port", PlatformServices.GatewayPort);
var gateway = Built("gateway", PlatformServices.GatewayProject)
    .WithHttpEndpoint(port: gatewayPort, name: "http", isProxied: false)
    .WithEnvironment("Urls", Url("0.0.0.0", gatewayPort))
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WithEnvironment("Auth__Authority", authority)
    .WithEnvironment("Auth__RequireHttpsMetadata", "false")
    .WithHttpHealthCheck("/health/ready");
foreach (var (service, project) in services)
    gateway.WithReference(project.GetEndpoint("http")).WaitFor(project).WithEnvironment($"services__{service.Name}__title", service.ApiTitle);
// The console calls only the gateway's API, like any front-end.
services.Single(s => s.service.Name == PlatformServices.ConsoleService).project.WithEnvironment("Console__GatewayUrl", Url("localhost", gatewayPort));

var app = builder.Build();
var stopping = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
var logs = builder.Configuration["Logs:Directory"] is { Length: > 0 } directory ? directory : null;
_ = ResourceWatch.RunAsync(app.Services, logs, stopping);
app.Run();

// A project as tools/run.sh built it: its assembly run by dotnet, not `dotnet run`, which would build every project
// again, all at once, at each start. OTLP settings point it at the dashboard.
IResourceBuilder<ExecutableResource> Built(string name, string project)
{
    var output = Path.Combine(root, Path.GetDirectoryName(project)!, "bin", BuildConfiguration, "net10.0");
    var assembly = Path.Combine(output, Path.GetFileNameWithoutExtension(project) + ".dll");
    if (!File.Exists(assembly)) throw new InvalidOperationException($"{assembly} does not exist: build the solution first (tools/run.sh does).");
    return builder.AddExecutable(name, "dotnet", output, assembly).WithOtlpExporter();
}

static string Url(string host, int port) => $"http://{host}:{port}";

// A secret the script generated (environment, e.g. Auth__SigningKey): a parameter, so the dashboard masks it. One
// parameter per key, however many services get it (the console and the identity service share the console's client
// secret; every service gets the services' client secret).
IResourceBuilder<ParameterResource> Secret(string key) =>
    secrets.TryGetValue(key, out var known) ? known
    : secrets[key] = builder.AddParameter(key.Replace(":", "-").ToLowerInvariant(),
        builder.Configuration[key] ?? throw new InvalidOperationException($"{key} is not set (tools/run.sh sets it from .local/dev-secrets.env)."),
        secret: true);
