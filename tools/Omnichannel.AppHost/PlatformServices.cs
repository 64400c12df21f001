namespace Omnichannel.AppHost;

/// <summary>A service of the platform, named once. Its gateway routes are <c>/api/{Name}/…</c> and
/// <c>/openapi/{Name}.json</c>; its Helm entry, container image (<c>omnichannel/{Name}</c>) and test host carry the same
/// name. <paramref name="Secrets"/> are configuration keys only this service gets (never in the repo: tools/run.sh
/// generates them for the local run; on Kubernetes they come from Secrets named in the chart's values).</summary>
public sealed record PlatformService(string Name, string Project, int HttpPort, int GrpcPort, string ApiTitle, params string[] Secrets);

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
        new("appointments", "services/Appointments/Omnichannel.Appointments.csproj", 5103, 5203, "Appointments, offices and callbacks",
            "Appointments:WaitingRoom:TokenKey"),
        new("queues", "services/Queues/Omnichannel.Queues.csproj", 5104, 5204, "Queues: tickets, desks, wait estimates, the waiting-room display"),
        new("incidents", "services/Incidents/Omnichannel.Incidents.csproj", 5105, 5205, "Incidents: questions, problems, complaints and suggestions, with working-hours SLAs",
            "Incidents:Open311:ApiKeys:mataro"),
        new("kiosks", "services/Kiosks/Omnichannel.Kiosks.csproj", 5107, 5207, "Kiosks: the self-service fleet, its credentials, health and sessions"),
        new("messaging", "services/Messaging/Omnichannel.Messaging.csproj", 5106, 5206, "Messaging: Telegram, WhatsApp, e-mail and SMS — keywords 24/7, operators, notices",
            "Messaging:Telegram:Bots:citymes:Token", "Messaging:Telegram:Bots:citymes:WebhookSecret",
            "Messaging:WhatsApp:Apps:mataro:AppSecret", "Messaging:WhatsApp:Apps:mataro:VerifyToken", "Messaging:WhatsApp:Apps:mataro:AccessToken",
            "Messaging:Email:Mailboxes:seu:Imap:Password", "Messaging:ConversationKeySecret"),
        new("identity", "services/Identity/Omnichannel.Identity.csproj", 5108, 5208, "Identity: staff sign-in, client tokens and the keys that sign them",
            "Identity:SigningKeys:0", "Identity:EncryptionKey", "Identity:Clients:console:Secret", "Identity:Clients:mataroChannelApp:Secret", ServicesClientSecret,
            "Identity:DemoStaff:mataro:agent", "Identity:DemoStaff:mataro:supervisor", "Identity:DemoStaff:mataro:backoffice", "Identity:DemoStaff:mataro:administrator",
            "Identity:DemoStaff:mataro:dataprotectionofficer"),
        new("analytics", "services/Analytics/Omnichannel.Analytics.csproj", 5110, 5210, "Analytics: monthly indicators, the staff export of events and the demand forecast"),
        // The staff console (Blazor, served by the gateway at /console/): a confidential OIDC client of the identity
        // service, so it gets the same client secret the identity service registers; its citizen web is the council's
        // channel app (client credentials), so it also gets that client's secret; its own key encrypts its key ring at rest.
        new("console", "services/Console/Omnichannel.Console.csproj", 5111, 5211, "Console: the staff console, a backend-for-frontend over the gateway's API",
            "Identity:Clients:console:Secret", "Identity:Clients:mataroChannelApp:Secret", "Console:KeyRingKey"),
    ];

    /// <summary>The service whose published keys (JWKS) the gateway and the other services validate tokens by.</summary>
    public const string IdentityService = "identity";

    /// <summary>The identity service's client for the services' tokens to each other; every service gets its value as
    /// <c>Auth:ServiceClient:Secret</c>.</summary>
    public const string ServicesClientSecret = "Identity:Clients:platformServices:Secret";

    /// <summary>The staff console, which calls the platform through the gateway (<c>Console:GatewayUrl</c>).</summary>
    public const string ConsoleService = "console";

    /// <summary>The gateway: the only address front-ends use (port 8080 unless <c>Gateway:Port</c> says otherwise).</summary>
    public const string GatewayProject = "gateway/Omnichannel.Gateway.csproj";

    public const int GatewayPort = 8080;
}
