using System.Collections.Immutable;

namespace Omnichannel.AppHost;

/// <summary>A service of the platform, named once. Its gateway routes are <c>/api/{Name}/…</c> and
/// <c>/openapi/{Name}.json</c>; its Helm entry, container image (<c>omnichannel/{Name}</c>) and test host carry the same
/// name. <paramref name="Secrets"/> are configuration keys only this service gets (never in the repo: tools/run.sh
/// generates them for the local run; on Kubernetes they come from Secrets named in the chart's values).</summary>
public sealed record PlatformService(string Name, string Project, int HttpPort, int GrpcPort, string ApiTitle, params string[] Secrets)
{
    /// <summary>Services that must be ready before this one starts: those that consume what it publishes as it starts
    /// (demo data), since RabbitMQ drops what is published before a consumer's queue is bound.</summary>
    public IReadOnlyList<string> StartsAfter { get; init; } = [];
}

/// <summary>
/// The one list of services. The AppHost starts exactly these; the gateway builds its routes from what the launcher
/// hands it (<c>services:{name}:http</c>); tests/Omnichannel.EndToEnd.Tests/ServiceListTests.cs fails, naming the place, when a service
/// project is missing here or when the gateway, tools/run.sh, the end-to-end platform, the Helm chart or the container
/// build has not heard of a service listed here. Ports are the local run's (127.0.0.1 only).
/// </summary>
public static class PlatformServices
{
    public static readonly IReadOnlyList<PlatformService> All =
    [
        new("procedures", "services/Procedures/Omnichannel.Procedures.csproj", 5101, 5201, "Procedures, cases and notifications"),
        new("citizens", "services/Citizens/Omnichannel.Citizens.csproj", 5102, 5202, "Citizens and their interaction history", "Citizens:NationalIdHashKey"),
        new("appointments", "services/Appointments/Omnichannel.Appointments.csproj", 5103, 5203, "Appointments, offices and callbacks")
        {
            StartsAfter = ["queues", "citizens"], // they keep views of the office directory it publishes
        },
        new("queues", "services/Queues/Omnichannel.Queues.csproj", 5104, 5204, "Queues: tickets, desks, wait estimates, the waiting-room display"),
        new("messaging", "services/Messaging/Omnichannel.Messaging.csproj", 5106, 5206, "Messaging: Telegram and WhatsApp conversations, keywords 24/7",
            "Messaging:Telegram:Bots:citymes:Token", "Messaging:Telegram:Bots:citymes:WebhookSecret",
            "Messaging:WhatsApp:Apps:mataro:AppSecret", "Messaging:WhatsApp:Apps:mataro:VerifyToken", "Messaging:WhatsApp:Apps:mataro:AccessToken"),
    ];

    /// <summary>The list in an order where each service comes after those it <see cref="PlatformService.StartsAfter"/>.</summary>
    public static IReadOnlyList<PlatformService> InStartOrder()
    {
        var ordered = new List<PlatformService>();
        void Visit(PlatformService service, ImmutableStack<string> path)
        {
            if (ordered.Contains(service)) return;
            if (path.Contains(service.Name)) throw new InvalidOperationException($"PlatformServices: {service.Name} waits for itself through {string.Join(" -> ", path.Reverse())}.");
            foreach (var name in service.StartsAfter)
                Visit(All.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"PlatformServices: {service.Name} starts after {name}, which is not listed."), path.Push(service.Name));
            ordered.Add(service);
        }
        foreach (var service in All) Visit(service, []);
        return ordered;
    }

    /// <summary>The gateway: the only address front-ends use (port 8080 unless <c>Gateway:Port</c> says otherwise).</summary>
    public const string GatewayProject = "gateway/Omnichannel.Gateway.csproj";

    public const int GatewayPort = 8080;
}
