using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.Registering;

public sealed record RegisterCitizenRequest(
    string? DisplayName, string? PreferredLanguage, string? PreferredChannel, bool? DealsElectronically, string? Channel,
    string? Phone, string? Email, string? TelegramChatId, string? WhatsAppNumber, string? NationalId)
    : IdentityFields(Phone, Email, TelegramChatId, WhatsAppNumber, NationalId);

public sealed class RegisterCitizenRequestValidator : AbstractValidator<RegisterCitizenRequest>
{
    public RegisterCitizenRequestValidator()
    {
        RuleFor(r => r.DisplayName).MaximumLength(120);
        RuleFor(r => r.PreferredLanguage).Must(PreferencesRules.IsLanguage).When(r => r.PreferredLanguage is not null).WithMessage(PreferencesRules.LanguageMessage);
        RuleFor(r => r.PreferredChannel).Must(PreferencesRules.IsChannel).When(r => r.PreferredChannel is not null).WithMessage(PreferencesRules.ChannelMessage);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c)).WithMessage(PreferencesRules.ChannelMessage);
    }
}

public sealed record RegisterCitizen(Guid CitizenId, string? DisplayName, CitizenPreferences Preferences, string Channel, IReadOnlyList<ChannelIdentity> Identities, DateTimeOffset At);

public static class RegisterCitizenDecision
{
    public static IReadOnlyList<object> Decide(RegisterCitizen command, CitizenState state)
    {
        if (state.Exists) throw Rejection.Conflict("This citizen is already registered.");
        var registered = new CitizenRegistered(command.CitizenId, command.DisplayName, command.Preferences, command.Channel, command.At);
        var afterRegistration = CitizenState.Evolve(state, registered);
        return [registered, .. LinkIdentitiesDecision.Decide(new LinkIdentities(command.CitizenId, command.Identities, command.At), afterRegistration)];
    }
}

public static class RegisterCitizenEndpoint
{
    public static async Task<IResult> Handle(RegisterCitizenRequest request, IDocumentSession session, IdentityKeys key, TimeProvider clock, CancellationToken ct)
    {
        var identities = request.Normalize(key);
        var command = new RegisterCitizen(Guid.NewGuid(), request.DisplayName?.Trim(),
            new CitizenPreferences(request.PreferredLanguage ?? "ca", request.PreferredChannel, request.DealsElectronically ?? true),
            request.Channel!, identities, clock.GetUtcNow());
        await IdentityLinking.EnsureNotTaken(session, identities, command.CitizenId, ct);
        await IdentityLinking.Save(session, command.CitizenId, state => RegisterCitizenDecision.Decide(command, state), ct);
        return TypedResults.Created($"/api/citizens/{command.CitizenId}", new RegisteredCitizen(command.CitizenId));
    }
}

/// <summary>What registering answers: the new citizen's id.</summary>
public sealed record RegisteredCitizen(Guid CitizenId);
