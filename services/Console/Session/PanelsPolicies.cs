namespace Omnichannel.StaffConsole.Session;

/// <summary>Who may open the staff panels beyond the first ones (<see cref="StaffSignIn"/> holds those): the incidents
/// inbox is every role's work (agents answer questions, the back office the rest); the operators' conversations are
/// the agents'; the kiosk fleet and its remote assistance the agents' and supervisors'.</summary>
public static class PanelsPolicies
{
    public const string IncidentsPolicy = "console-incidents", ConversationsPolicy = "console-conversations", FleetPolicy = "console-fleet";

    public static IServiceCollection AddPanelsPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(IncidentsPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffSignIn.Agent, StaffSignIn.Supervisor, StaffSignIn.BackOffice, StaffSignIn.Administrator))
            .AddPolicy(ConversationsPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffSignIn.Agent, StaffSignIn.Supervisor, StaffSignIn.Administrator))
            .AddPolicy(FleetPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffSignIn.Agent, StaffSignIn.Supervisor, StaffSignIn.Administrator));
        return services;
    }
}
