using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.Consenting;

/// <summary>A person agreed to a consent text (GDPR art. 7(1): the council can show it): what to
/// (<paramref name="Purpose"/>, the <paramref name="TextVersion"/> of <see cref="ConsentTexts"/> and the SHA-256 of its
/// words in the <paramref name="Language"/> shown), when, on which channel and through which device
/// (<c>kiosk:{kioskId}</c>; null when none). Nothing of the person but their citizen id.</summary>
public sealed record ConsentGiven(Guid CitizenId, Guid ConsentId, [NotPersonal] string Purpose, [NotPersonal] string TextVersion,
    [NotPersonal] string TextSha256, [NotPersonal] string Language, [NotPersonal] string Channel, [NotPersonal] string? Device, DateTimeOffset At);

/// <summary>The person withdrew a consent (art. 7(3)); recorded beside it, never deleted: <paramref name="Channel"/> where
/// they asked, <paramref name="By"/> the member of staff who recorded it (their token's subject).</summary>
public sealed record ConsentWithdrawn(Guid CitizenId, Guid ConsentId, [NotPersonal] string Purpose, [NotPersonal] string Channel,
    [NotPersonal] string By, DateTimeOffset At);

/// <summary>One consent as the citizen's record shows it: given, and withdrawn when it was.</summary>
public sealed record ConsentRecord(Guid ConsentId, string Purpose, string TextVersion, string TextSha256, string Language, string Channel,
    string? Device, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt = null, string? WithdrawnThrough = null, string? WithdrawnBy = null)
{
    public bool Withdrawn => WithdrawnAt is not null;

    public static IReadOnlyList<ConsentRecord> Evolve(IReadOnlyList<ConsentRecord> records, object @event) => @event switch
    {
        ConsentGiven e => [.. records, new(e.ConsentId, e.Purpose, e.TextVersion, e.TextSha256, e.Language, e.Channel, e.Device, e.At)],
        ConsentWithdrawn e => records.Select(r => r.ConsentId == e.ConsentId ? r with { WithdrawnAt = e.At, WithdrawnThrough = e.Channel, WithdrawnBy = e.By } : r).ToList(),
        _ => records,
    };
}

/// <summary>Agreeing to the text of <paramref name="Purpose"/> at <paramref name="Version"/>, shown in <paramref name="Language"/>.</summary>
public sealed record GiveConsent(Guid CitizenId, Guid ConsentId, string? Purpose, string? Version, string? Language, string Channel, string? Device, DateTimeOffset At);

public sealed record WithdrawConsent(Guid CitizenId, Guid ConsentId, string Channel, string By, DateTimeOffset At);

public static class ConsentDecisions
{
    /// <summary>Only a text some screen showed can be agreed to: the hash recorded is computed here from
    /// <see cref="ConsentTexts"/>, not taken from the device, so it is the hash of words the council wrote.</summary>
    public static ConsentGiven Give(GiveConsent command)
    {
        if (!LocalizedText.Languages.Contains(command.Language ?? ""))
            throw Rejection.Invalid("language", "Say in which language the consent text was shown: ca, es or en.");
        var text = ConsentTexts.Find(command.Purpose, command.Version)
            ?? throw Rejection.Invalid(ConsentTexts.All.Any(t => t.Purpose == command.Purpose) ? "consentVersion" : "consentPurpose",
                "Not a consent text the platform shows: name the purpose and version of the text in contracts/ConsentTexts.cs.");
        return new ConsentGiven(command.CitizenId, command.ConsentId, text.Purpose, text.Version, text.Sha256(command.Language!), command.Language!,
            command.Channel, command.Device, command.At);
    }

    /// <summary>Withdrawing is recorded once: a consent already withdrawn answers 409 and nothing is added.</summary>
    public static IReadOnlyList<object> Withdraw(WithdrawConsent command, CitizenState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        var consent = state.Consents.FirstOrDefault(c => c.ConsentId == command.ConsentId)
            ?? throw Rejection.NotFound("This citizen gave no such consent.");
        if (consent.Withdrawn) throw Rejection.Conflict("This consent is already withdrawn.");
        return [new ConsentWithdrawn(command.CitizenId, command.ConsentId, consent.Purpose, command.Channel, command.By, command.At)];
    }
}

/// <summary><c>channel</c>: where the citizen asked to withdraw (on-site, phone, email, …).</summary>
public sealed record WithdrawConsentRequest(string? Channel);

public sealed class WithdrawConsentRequestValidator : AbstractValidator<WithdrawConsentRequest>
{
    public WithdrawConsentRequestValidator() =>
        RuleFor(r => r.Channel).NotEmpty().Must(PreferencesRules.IsChannel).WithMessage(PreferencesRules.ChannelMessage);
}

/// <summary>A citizen's consents, newest first.</summary>
public sealed record CitizenConsents(Guid CitizenId, IReadOnlyList<ConsentRecord> Consents);

public static class ConsentEndpoints
{
    public static async Task<IResult> List(Guid citizenId, IQuerySession session, CancellationToken ct)
    {
        var (state, _) = await session.LoadAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve, ct);
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        return TypedResults.Ok(new CitizenConsents(citizenId, state.Consents.OrderByDescending(c => c.GivenAt).ToList()));
    }

    public static async Task<IResult> Withdraw(Guid citizenId, Guid consentId, WithdrawConsentRequest request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var command = new WithdrawConsent(citizenId, consentId, request.Channel!, http.User.Subject(), clock.GetUtcNow());
        var decided = await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve,
            state => ConsentDecisions.Withdraw(command, state), ct);
        return TypedResults.Ok(new CitizenConsents(citizenId, decided.State.Consents.OrderByDescending(c => c.GivenAt).ToList()));
    }
}
