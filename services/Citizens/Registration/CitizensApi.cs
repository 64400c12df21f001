using JasperFx;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.Registration;

public static class CitizensApi
{
    public static RouteGroupBuilder MapCitizensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/citizens").WithTags("Citizens").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapPost("/", Register).WithName("RegisterCitizen")
            .WithSummary("Registers a citizen with the identities they gave on this channel.").Validate<RegisterCitizenRequest>();
        api.MapGet("/{citizenId:guid}", Get).WithName("GetCitizen").WithSummary("A citizen's profile and linked channels.");
        api.MapGet("/lookup", Lookup).WithName("FindCitizenByIdentity")
            .WithSummary("Finds the citizen behind a phone, e-mail, chat id or national id (kind + value).");
        api.MapPost("/{citizenId:guid}/identities", Link).WithName("LinkChannelIdentities")
            .WithSummary("Links more channel identities to a citizen.");
        api.MapDelete("/{citizenId:guid}/identities/{kind}/{value}", Unlink).WithName("UnlinkChannelIdentity")
            .WithSummary("Unlinks one identity (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        api.MapPut("/{citizenId:guid}/preferences", ChangePreferences).WithName("ChangeCitizenPreferences")
            .WithSummary("Language, preferred channel and whether the citizen chooses to deal electronically.").Validate<PreferencesRequest>();
        return api;
    }

    private static async Task<IResult> Register(RegisterCitizenRequest request, IDocumentSession session, NationalIdKey key, TimeProvider clock, CancellationToken ct)
    {
        var identities = request.Normalize(key.Bytes);
        var command = new RegisterCitizen(Guid.NewGuid(), request.DisplayName?.Trim(),
            new CitizenPreferences(request.PreferredLanguage ?? "ca", request.PreferredChannel, request.DealsElectronically ?? true),
            request.Channel!, identities, clock.GetUtcNow());
        await EnsureNotTaken(session, identities, command.CitizenId, ct);
        await SaveLinking(session, command.CitizenId, state => CitizenDecisions.Decide(command, state), ct);
        return TypedResults.Created($"/api/citizens/{command.CitizenId}", new { command.CitizenId });
    }

    private static async Task<IResult> Get(Guid citizenId, IQuerySession session, CancellationToken ct)
    {
        var view = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct) ?? throw Rejection.NotFound("There is no such citizen.");
        return TypedResults.Ok(view.ToResponse());
    }

    private static async Task<IResult> Lookup(string? kind, string? value, IQuerySession session, NationalIdKey key, CancellationToken ct)
    {
        if (kind is null || !IdentityKinds.All.Contains(kind)) throw Rejection.Invalid("kind", $"Use one of: {string.Join(", ", IdentityKinds.All)}.");
        var identity = ChannelIdentityRules.Normalize(kind, value, "value", key.Bytes);
        var entry = await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, ct) ?? throw Rejection.NotFound("No citizen has this identity.");
        return TypedResults.Ok(new { entry.CitizenId });
    }

    private static async Task<IResult> Link(Guid citizenId, IdentityFields request, IDocumentSession session, NationalIdKey key, TimeProvider clock, CancellationToken ct)
    {
        var identities = request.Normalize(key.Bytes);
        if (identities.Count == 0) throw Rejection.Invalid("body", "Give at least one identity: phone, email, telegramChatId, whatsAppNumber or nationalId.");
        var command = new LinkIdentities(citizenId, identities, clock.GetUtcNow());
        await EnsureNotTaken(session, identities, citizenId, ct);
        var result = await SaveLinking(session, citizenId, state => CitizenDecisions.Decide(command, state), ct);
        return TypedResults.Ok(new { citizenId, Linked = result.Events.Count });
    }

    private static async Task<IResult> Unlink(Guid citizenId, string kind, string value, IDocumentSession session, NationalIdKey key, TimeProvider clock, CancellationToken ct)
    {
        var identity = ChannelIdentityRules.Normalize(kind, value, "value", key.Bytes);
        await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve, state =>
        {
            var events = CitizenDecisions.Decide(new UnlinkIdentity(citizenId, identity, clock.GetUtcNow()), state);
            session.Delete<IdentityIndexEntry>(identity.IndexKey);
            return events;
        }, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangePreferences(Guid citizenId, PreferencesRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new ChangePreferences(citizenId,
            new CitizenPreferences(request.PreferredLanguage!, request.PreferredChannel, request.DealsElectronically!.Value), clock.GetUtcNow());
        await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve,
            state => CitizenDecisions.Decide(command, state), ct);
        return TypedResults.NoContent();
    }

    /// <summary>A clear 409 naming the identity when it is already someone else's. The unique index key
    /// written with the events is what really guards against two registrations racing.</summary>
    private static async Task EnsureNotTaken(IQuerySession session, IReadOnlyList<ChannelIdentity> identities, Guid citizenId, CancellationToken ct)
    {
        foreach (var identity in identities)
            if (await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, ct) is { } entry && entry.CitizenId != citizenId)
                throw Rejection.Conflict($"This {identity.Kind} is already linked to another citizen.");
    }

    private static async Task<StreamAppends.Decided<CitizenState>> SaveLinking(
        IDocumentSession session, Guid citizenId, Func<CitizenState, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        try
        {
            return await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve, state =>
            {
                var events = decide(state);
                foreach (var linked in events.OfType<ChannelIdentityLinked>())
                    session.Insert(new IdentityIndexEntry { Id = new ChannelIdentity(linked.Kind, linked.Value).IndexKey, CitizenId = citizenId });
                return events;
            }, ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            throw Rejection.Conflict("One of these identities was just linked to another citizen.");
        }
    }
}
