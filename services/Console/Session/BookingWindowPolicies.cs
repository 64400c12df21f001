namespace Omnichannel.StaffConsole.Session;

/// <summary>Who may open and watch booking windows: supervisors and administrators decide when a popular procedure's
/// appointments open; agents serve citizens and do not (the appointments API lets any staff token, so the console is
/// where the line is drawn).</summary>
public static class BookingWindowPolicies
{
    public const string BookingWindowPolicy = "console-booking-window";

    public static IServiceCollection AddBookingWindowPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(BookingWindowPolicy, p => p.RequireAuthenticatedUser().RequireRole(StaffSignIn.Supervisor, StaffSignIn.Administrator));
        return services;
    }
}
