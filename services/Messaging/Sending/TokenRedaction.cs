using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// The Bot API takes the bot's token in the URL path (<c>/bot{token}/sendMessage</c>), and the HTTP client's spans carry
/// the full URL: this processor rewrites it to <c>/bot{token}</c> before a trace leaves the process, so a bot token
/// never reaches the dashboard or a trace store. (The HTTP client's own request log lines, which carry the URL too, are
/// kept at Warning in appsettings.json.)
/// </summary>
public sealed partial class TokenRedaction : BaseProcessor<Activity>
{
    public override void OnStart(Activity activity) => Redact(activity);

    public override void OnEnd(Activity activity) => Redact(activity);

    private static void Redact(Activity activity)
    {
        foreach (var tag in (string[])["url.full", "http.url", "url.path"])
            if (activity.GetTagItem(tag) is string url && BotPath().IsMatch(url)) activity.SetTag(tag, Redact(url));
        if (BotPath().IsMatch(activity.DisplayName)) activity.DisplayName = Redact(activity.DisplayName);
    }

    public static string Redact(string url) => BotPath().Replace(url, "/bot{token}");

    [GeneratedRegex(@"/bot[^/?#\s]+")]
    private static partial Regex BotPath();
}
