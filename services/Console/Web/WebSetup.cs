using Omnichannel.StaffConsole.Gateway;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Web;

/// <summary>The citizen web's parts in the console's app: its channel identity, its gateway client, and the language
/// switch (a plain link, no account: the choice is the culture cookie the staff's choice also uses).</summary>
public static class WebSetup
{
    public const string Root = "/web";

    public static IServiceCollection AddCitizenWeb(this IServiceCollection services)
    {
        services.AddHttpClient(CitizenChannel.HttpName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<CitizenChannel>();
        services.AddScoped<CitizenGateway>();
        return services;
    }

    public static void MapCitizenWeb(this WebApplication app) =>
        app.MapGet($"{Root}/language/{{language}}", (string language, string? returnUrl, HttpContext http) =>
        {
            if (!T.Languages.Contains(language)) return Results.BadRequest();
            Session.Languages.Remember(http, language);
            // Only a page of the citizen web itself: never an open redirect.
            var home = $"{http.Request.PathBase}{Root}";
            var back = returnUrl is { Length: > 0 } url && url.StartsWith(home, StringComparison.Ordinal) && !url.Contains('\\') && !url.StartsWith("//", StringComparison.Ordinal) ? url : home;
            return Results.LocalRedirect(back);
        }).AllowAnonymous().ExcludeFromDescription();
}
