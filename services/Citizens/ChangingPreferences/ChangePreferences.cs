using Omnichannel.BuildingBlocks.Http;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Citizens.ChangingPreferences;

public sealed record PreferencesRequest(string? PreferredLanguage, string? PreferredChannel, bool? DealsElectronically);

public sealed class PreferencesRequestValidator : AbstractValidator<PreferencesRequest>
{
    public PreferencesRequestValidator()
    {
        RuleFor(r => r.PreferredLanguage).NotEmpty().Must(PreferencesRules.IsLanguage).WithMessage(PreferencesRules.LanguageMessage);
        RuleFor(r => r.PreferredChannel).Must(PreferencesRules.IsChannel).When(r => r.PreferredChannel is not null).WithMessage(PreferencesRules.ChannelMessage);
        RuleFor(r => r.DealsElectronically).NotNull();
    }
}

public sealed record ChangePreferences(Guid CitizenId, CitizenPreferences Preferences, DateTimeOffset At);

public static class ChangePreferencesDecision
{
    public static IReadOnlyList<object> Decide(ChangePreferences command, CitizenState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        return command.Preferences == state.Preferences ? [] : [new PreferencesChanged(command.CitizenId, command.Preferences, command.At)];
    }
}

/// <summary>Only the channel for notices changes (messaging, once the citizen typed back the code it sent there);
/// language and electronic dealing stay as they are.</summary>
public static class ChangePreferredChannelDecision
{
    public static IReadOnlyList<object> Decide(Guid citizenId, string channel, DateTimeOffset at, CitizenState state) =>
        state is { Exists: true, Preferences: { } current }
            ? ChangePreferencesDecision.Decide(new ChangePreferences(citizenId, current with { PreferredChannel = channel }, at), state)
            : throw Rejection.NotFound("There is no such citizen.");
}

public static class ChangePreferencesEndpoint
{
    public static async Task<IResult> Handle(Guid citizenId, PreferencesRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ChangePreferences(citizenId,
            new CitizenPreferences(request.PreferredLanguage!, request.PreferredChannel, request.DealsElectronically!.Value), clock.GetUtcNow());
        var result = await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve,
            state => ChangePreferencesDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.NoContent();
    }
}
