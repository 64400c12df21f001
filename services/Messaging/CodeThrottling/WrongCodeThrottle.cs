using Microsoft.Extensions.Options;
using Omnichannel.Contracts;

namespace Omnichannel.Messaging.CodeThrottling;

/// <summary><c>Messaging:CodeThrottle</c>: how many keyword + code messages that lead nowhere one chat may send in a
/// window before its look-ups stop for a while (guessing codes would otherwise be free).</summary>
public sealed class CodeThrottleOptions
{
    public const string Section = "Messaging:CodeThrottle";

    public int WrongCodes { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Repeated wrong codes from one channel identity (the conversation) are throttled: after <see cref="CodeThrottleOptions.WrongCodes"/>
/// wrong ones within <see cref="CodeThrottleOptions.Window"/>, a keyword + code gets a polite "try later" in the
/// conversation's language and no look-up is made, until the oldest of them leaves the window. Wrong codes are the
/// conversation's <see cref="Operators.WrongCodeGiven"/> events, so the count survives restarts and is the same on
/// every instance.
/// </summary>
public sealed class WrongCodeThrottle(IOptions<CodeThrottleOptions> options, TimeProvider clock)
{
    public bool IsThrottled(IReadOnlyList<DateTimeOffset> wrongCodes) =>
        Throttled(wrongCodes, clock.GetUtcNow(), options.Value.WrongCodes, options.Value.Window);

    public static bool Throttled(IReadOnlyList<DateTimeOffset> wrongCodes, DateTimeOffset now, int allowed, TimeSpan window) =>
        wrongCodes.Count(at => at > now - window) >= allowed;

    public static readonly LocalizedText TryLater = new(
        "Has enviat diversos codis que no hem pogut trobar. Per seguretat, espera una estona i torna-ho a provar més tard.",
        "Has enviado varios códigos que no hemos podido encontrar. Por seguridad, espera un rato y vuelve a probar más tarde.",
        "You have sent several codes we could not find. For your security, please wait a while and try again later.");
}
