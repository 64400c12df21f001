using FluentValidation;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Messaging.KeywordManagement;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Buttons;

/// <summary>A button as staff write it: its label in Catalan, Spanish and English, and either the link it opens or the
/// code of the keyword it sends.</summary>
public sealed record ButtonRequest(TextsRequest? Label, string? Url, string? Keyword)
{
    public KeywordButton ToButton() => new(new LocalizedText(Label!.Ca!.Trim(), Label.Es!.Trim(), Label.En!.Trim()),
        string.IsNullOrWhiteSpace(Url) ? null : Url.Trim(), string.IsNullOrWhiteSpace(Keyword) ? null : Keyword.Trim());
}

/// <summary>A place as staff write it: where on the map, its name and address.</summary>
public sealed record LocationRequest(double? Latitude, double? Longitude, string? Name, string? Address)
{
    public KeywordLocation ToLocation() => new(Latitude!.Value, Longitude!.Value, Name!.Trim(), string.IsNullOrWhiteSpace(Address) ? null : Address.Trim());
}

/// <summary>
/// What buttons and a place may be, so that every channel can show them as written: WhatsApp takes at most three reply
/// buttons with titles of up to 20 characters (a call-to-action link's text has the same limit) and shows more as the rows
/// of an interactive list, at most ten (<see cref="WhatsAppButtons"/>); Telegram a callback_data of up to 64 bytes (the data
/// is <c>k:</c> and a code of up to 40); links are https.
/// </summary>
public static class ButtonRules
{
    /// <summary>WhatsApp's list holds at most ten rows (three or fewer go as reply buttons).</summary>
    public const int MaxButtons = 10;
    public const int MaxLabelLength = 20;
    public const int MaxUrlLength = 2048;

    public static void AddTo(AbstractValidator<KeywordRequest> validator)
    {
        validator.RuleFor(r => r.Buttons).Must(b => b is null || b.Count <= MaxButtons).OverridePropertyName("buttons")
            .WithMessage($"At most {MaxButtons} buttons (WhatsApp shows no more rows in a list).");
        validator.RuleForEach(r => r.Buttons).ChildRules(button =>
        {
            button.RuleFor(b => b.Label).NotNull().OverridePropertyName("label").WithMessage("Give the button's label in Catalan, Spanish and English.");
            button.RuleFor(b => b.Label!.Ca).Must(Label).When(b => b.Label is not null).OverridePropertyName("label.ca").WithMessage(LabelRule);
            button.RuleFor(b => b.Label!.Es).Must(Label).When(b => b.Label is not null).OverridePropertyName("label.es").WithMessage(LabelRule);
            button.RuleFor(b => b.Label!.En).Must(Label).When(b => b.Label is not null).OverridePropertyName("label.en").WithMessage(LabelRule);
            button.RuleFor(b => b.Url).Must(b => b is null).When(b => !string.IsNullOrWhiteSpace(b.Keyword)).OverridePropertyName("url")
                .WithMessage("A button opens a link or sends a keyword, not both.");
            button.RuleFor(b => b.Url).Must(u => !string.IsNullOrWhiteSpace(u)).When(b => string.IsNullOrWhiteSpace(b.Keyword)).OverridePropertyName("url")
                .WithMessage("Give the link the button opens (url) or the keyword it sends (keyword).");
            button.RuleFor(b => b.Url).Must(Link).When(b => !string.IsNullOrWhiteSpace(b.Url)).OverridePropertyName("url")
                .WithMessage($"An https link of up to {MaxUrlLength} characters.");
            button.RuleFor(b => b.Keyword).Matches("^[a-z0-9][a-z0-9-]{0,39}$").When(b => b.Keyword is not null).OverridePropertyName("keyword")
                .WithMessage("The code of the keyword the button sends, e.g. \"horari\".");
        });
        validator.RuleFor(r => r.Location!.Latitude).NotNull().InclusiveBetween(-90, 90).When(r => r.Location is not null).OverridePropertyName("location.latitude")
            .WithMessage("A latitude between -90 and 90.");
        validator.RuleFor(r => r.Location!.Longitude).NotNull().InclusiveBetween(-180, 180).When(r => r.Location is not null).OverridePropertyName("location.longitude")
            .WithMessage("A longitude between -180 and 180.");
        validator.RuleFor(r => r.Location!.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Length <= 100).When(r => r.Location is not null)
            .OverridePropertyName("location.name").WithMessage("The place's name, up to 100 characters.");
        validator.RuleFor(r => r.Location!.Address).MaximumLength(200).When(r => r.Location is not null).OverridePropertyName("location.address")
            .WithMessage("The address, up to 200 characters.");
    }

    /// <summary>A button that sends a keyword names one the set has (or the keyword itself): checked with the set, as a
    /// change is decided.</summary>
    public static void CheckTargets(IReadOnlyList<KeywordEntry> others, KeywordEntry entry)
    {
        for (var i = 0; i < entry.Buttons.Count; i++)
            if (entry.Buttons[i].Keyword is { } code && code != entry.Code && others.All(k => k.Code != code))
                throw Rejection.Invalid($"buttons[{i}].keyword", $"There is no keyword '{code}' for the button to send.");
    }

    private const string LabelRule = "Each label is 1 to 20 characters (WhatsApp's limit for a button's title).";

    private static bool Label(string? label) => !string.IsNullOrWhiteSpace(label) && label.Trim().Length <= MaxLabelLength;

    private static bool Link(string? url) =>
        url!.Trim().Length <= MaxUrlLength && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
}
