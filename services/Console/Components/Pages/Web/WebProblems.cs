using Omnichannel.StaffConsole.Gateway;

namespace Omnichannel.StaffConsole.Components.Pages.Web;

/// <summary>A problem found before calling the platform (an empty field), shown where the platform's would be.</summary>
public static class WebProblems
{
    public static Problem Field(string field, string message) =>
        new(400, message, null, new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [field] = [message] }, null);
}

public static class WebProblemsExtensions
{
    /// <summary>The one field the citizen typed in (the APIs name it code or trackingCode): every message goes next to it.</summary>
    public static Problem OnField(this Problem problem, string field) => problem.Errors.Count == 0 ? problem
        : problem with { Errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [field] = problem.Errors.Values.SelectMany(m => m).ToArray() } };
}
