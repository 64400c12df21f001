using FluentValidation;
using Omnichannel.Citizens.Identities;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.Registration;

/// <summary>The identities a request may carry, each in its own field so an error names exactly which.</summary>
public record IdentityFields(string? Phone, string? Email, string? TelegramChatId, string? WhatsAppNumber, string? NationalId)
{
    public IReadOnlyList<ChannelIdentity> Normalize(byte[] nationalIdKey)
    {
        var identities = new List<ChannelIdentity>();
        void Add(string kind, string? value, string field)
        {
            if (value is not null) identities.Add(ChannelIdentityRules.Normalize(kind, value, field, nationalIdKey));
        }
        Add(IdentityKinds.Phone, Phone, "phone");
        Add(IdentityKinds.Email, Email, "email");
        Add(IdentityKinds.Telegram, TelegramChatId, "telegramChatId");
        Add(IdentityKinds.WhatsApp, WhatsAppNumber, "whatsAppNumber");
        Add(IdentityKinds.NationalId, NationalId, "nationalId");
        return identities;
    }
}

public sealed record RegisterCitizenRequest(
    string? DisplayName, string? PreferredLanguage, string? PreferredChannel, bool? DealsElectronically, string? Channel,
    string? Phone, string? Email, string? TelegramChatId, string? WhatsAppNumber, string? NationalId)
    : IdentityFields(Phone, Email, TelegramChatId, WhatsAppNumber, NationalId);

public sealed record PreferencesRequest(string? PreferredLanguage, string? PreferredChannel, bool? DealsElectronically);

public sealed class RegisterCitizenRequestValidator : AbstractValidator<RegisterCitizenRequest>
{
    public RegisterCitizenRequestValidator()
    {
        RuleFor(r => r.DisplayName).MaximumLength(120);
        RuleFor(r => r.PreferredLanguage).Must(PreferencesRules.IsLanguage).When(r => r.PreferredLanguage is not null).WithMessage(PreferencesRules.LanguageMessage);
        RuleFor(r => r.PreferredChannel).Must(PreferencesRules.IsChannel).When(r => r.PreferredChannel is not null).WithMessage(PreferencesRules.ChannelMessage);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.InteractionChannels.Contains(c)).WithMessage(PreferencesRules.ChannelMessage);
    }
}

public sealed class PreferencesRequestValidator : AbstractValidator<PreferencesRequest>
{
    public PreferencesRequestValidator()
    {
        RuleFor(r => r.PreferredLanguage).NotEmpty().Must(PreferencesRules.IsLanguage).WithMessage(PreferencesRules.LanguageMessage);
        RuleFor(r => r.PreferredChannel).Must(PreferencesRules.IsChannel).When(r => r.PreferredChannel is not null).WithMessage(PreferencesRules.ChannelMessage);
        RuleFor(r => r.DealsElectronically).NotNull();
    }
}

public static class PreferencesRules
{
    public static readonly string LanguageMessage = $"Use one of: {string.Join(", ", LocalizedText.Languages)}.";
    public static readonly string ChannelMessage = $"Use one of: {string.Join(", ", Channels.InteractionChannels)}.";
    public static bool IsLanguage(string? language) => language is not null && LocalizedText.Languages.Contains(language);
    public static bool IsChannel(string? channel) => channel is not null && Channels.InteractionChannels.Contains(channel);
}
