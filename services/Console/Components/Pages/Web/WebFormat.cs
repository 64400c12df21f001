using System.Globalization;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Components.Pages.Web;

/// <summary>Days and times as a citizen reads them: in Europe/Madrid, the day's name in their language.</summary>
public static class WebFormat
{
    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, T.Madrid).DateTime);

    public static string Day(DateOnly day, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language switch { "es" => "es-ES", "en" => "en-GB", _ => "ca-ES" });
        var text = day.ToString("dddd d MMMM yyyy", culture);
        return char.ToUpper(text[0], culture) + text[1..];
    }

    public static string When(DateTimeOffset at, string language) => $"{Day(LocalDay(at), language)}, {T.Time(at)}";

    /// <summary>A code as the citizen typed it, for the API (which forgives case, spaces and dashes itself): only trimmed.</summary>
    public static string Code(string typed) => typed.Trim();
}
