using System.Globalization;
using System.Text.RegularExpressions;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Incidents.Categories;

/// <summary>
/// Something a report of a category says besides the standard fields (Open311 GeoReport v2's service attributes):
/// <c>string</c> — a short identifier as printed on street furniture (letters, digits, space, <c>- / .</c>, at most 20):
/// little room for a story, yet kept as personal data like the location it points at — or <c>number</c>.
/// </summary>
public sealed partial record CategoryAttribute(string Code, LocalizedText Description, string Datatype, bool Required)
{
    public const string Text = "string";
    public const string Number = "number";
    public const int MaxLength = 20;

    /// <summary>What an Open311 client shows beside the field.</summary>
    public string DatatypeDescription => Datatype == Number
        ? "A number, e.g. 12 or 3.5."
        : $"Letters, digits, spaces, '-', '/' or '.', at most {MaxLength} characters, as written on it.";

    /// <summary>The value as the incident keeps it, or a rejection naming <c>attribute[code]</c> (Open311's field name).</summary>
    public string Read(string value)
    {
        var trimmed = value.Trim();
        if (Datatype == Number)
            return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw Rejection.Invalid(Field, $"{Description.En}: {DatatypeDescription}");
        return trimmed.Length <= MaxLength && Identifier().IsMatch(trimmed)
            ? trimmed
            : throw Rejection.Invalid(Field, $"{Description.En}: {DatatypeDescription}");
    }

    public string Field => $"attribute[{Code}]";

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ./-]*$")]
    private static partial Regex Identifier();
}
