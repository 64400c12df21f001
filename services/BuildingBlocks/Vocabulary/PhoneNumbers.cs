using Microsoft.Extensions.Configuration;
using Omnichannel.BuildingBlocks.Domain;
using PhoneNumbers;

namespace Omnichannel.BuildingBlocks.Vocabulary;

/// <summary>
/// Phone numbers as every service keeps them: parsed by libphonenumber (any country) and stored in E.164
/// (+34612345678), so one number typed three ways is one number. A number without a country prefix is read
/// as the council's own (<see cref="CouncilPhoneRegion"/>), as people type it there.
/// </summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public const string Example = "+34 612 345 678";

    /// <summary>E.164 of what was typed, or a 400 naming <paramref name="field"/>.</summary>
    public static string ToE164(string? typed, string field, string defaultRegion)
    {
        var text = typed?.Trim() ?? "";
        // Letters are refused, not read as a keypad's (libphonenumber takes "ABC" for 222): here they are a typo.
        if (text.Length is 0 or > 40 || text.Any(char.IsLetter)) throw Invalid(field);
        PhoneNumber number;
        try
        {
            number = Util.Parse(text, defaultRegion);
        }
        catch (NumberParseException)
        {
            throw Invalid(field);
        }
        return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : throw Invalid(field);
    }

    public static bool IsRegion(string? region) => region is not null && Util.GetSupportedRegions().Contains(region);

    private static Rejection Invalid(string field) =>
        Rejection.Invalid(field, $"Not a phone number: give it with its country prefix, e.g. {Example}, or as dialled locally.");
}

/// <summary>The region a phone number without a country prefix belongs to: <c>Council:PhoneRegion</c>, an ISO 3166
/// code, "ES" unless set. Checked at start-up: a typo would otherwise refuse every local number.</summary>
public sealed class CouncilPhoneRegion
{
    public const string Key = "Council:PhoneRegion";

    public CouncilPhoneRegion(IConfiguration configuration)
    {
        Region = configuration[Key] is { Length: > 0 } region ? region.ToUpperInvariant() : "ES";
        if (!PhoneNumberRules.IsRegion(Region))
            throw new InvalidOperationException($"{Key}: \"{Region}\" is not a region libphonenumber knows (an ISO 3166 code such as ES).");
    }

    public string Region { get; }

    public string ToE164(string? typed, string field) => PhoneNumberRules.ToE164(typed, field, Region);
}
