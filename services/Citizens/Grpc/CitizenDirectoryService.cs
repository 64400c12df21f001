using Grpc.Core;
using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LookingUp;
using Omnichannel.Contracts.Grpc.Citizens.V1;

namespace Omnichannel.Citizens.Grpc;

/// <summary>Who a citizen is, for other services: whether they exist, and who is behind a chat id or phone.</summary>
public sealed class CitizenDirectoryService(IQuerySession session, IdentityKeys key, IServiceProvider services) : CitizenDirectory.CitizenDirectoryBase
{
    public override async Task<CitizenReply> GetCitizen(GetCitizenRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CitizenId, out var citizenId))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "citizen_id: not a citizen id."));
        return await Reply(citizenId, context.CancellationToken);
    }

    public override async Task<CitizenReply> FindByIdentity(FindByIdentityRequest request, ServerCallContext context)
    {
        // Invalid input surfaces as InvalidArgument through the rejection interceptor.
        var identity = ChannelIdentityRules.Normalize(request.Kind, request.Value, "value", key);
        var entry = await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "No citizen has this identity."));
        return await Reply(entry.CitizenId, context.CancellationToken);
    }

    /// <summary>As staff's POST …/identities (<see cref="LinkingIdentities.LinkIdentitiesDecision"/>), for messaging once a
    /// chat has given one of the citizen's personal codes: the identity index's unique key still decides a race.</summary>
    public override async Task<CitizenReply> LinkIdentity(LinkIdentityRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CitizenId, out var citizenId))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "citizen_id: not a citizen id."));
        var identity = ChannelIdentityRules.Normalize(request.Kind, request.Value, "value", key);
        var write = services.GetRequiredService<IDocumentSession>();
        var command = new LinkingIdentities.LinkIdentities(citizenId, [identity], services.GetRequiredService<TimeProvider>().GetUtcNow());
        await IdentityLinking.EnsureNotTaken(write, [identity], citizenId, context.CancellationToken);
        await IdentityLinking.Save(write, citizenId, state => LinkingIdentities.LinkIdentitiesDecision.Decide(command, state), context.CancellationToken);
        return await Reply(citizenId, context.CancellationToken);
    }

    /// <summary>As <c>PUT …/preferences</c> with only the channel changed (<see cref="ChangingPreferences.ChangePreferredChannelDecision"/>),
    /// for messaging once the citizen proved, with the one-time code sent there, that the channel reaches them.</summary>
    public override async Task<CitizenReply> ChangePreferredChannel(ChangePreferredChannelRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CitizenId, out var citizenId))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "citizen_id: not a citizen id."));
        if (!PreferencesRules.IsChannel(request.Channel))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"channel: {PreferencesRules.ChannelMessage}"));
        var write = services.GetRequiredService<IDocumentSession>();
        var at = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await write.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve,
            state => ChangingPreferences.ChangePreferredChannelDecision.Decide(citizenId, request.Channel, at, state), context.CancellationToken);
        // The view is written inline with the events (the reply reads it back at once).
        return await Reply(citizenId, context.CancellationToken);
    }

    /// <summary>As <c>POST /api/citizens</c> with the minimum a council device may take in person
    /// (<see cref="Registering.RegisterInPersonRules"/>): the caller's council is the one of its service token.</summary>
    public override async Task<RegisteredInPersonReply> RegisterInPerson(RegisterInPersonRequest request, ServerCallContext context)
    {
        var fields = new Registering.RegisterInPersonFields(request.DisplayName, request.NationalId, request.Phone, request.Email, request.PreferredLanguage, request.Channel,
            request.ConsentPurpose, request.ConsentVersion, request.Device);
        var citizenId = await Registering.RegisterInPersonHandler.HandleAsync(fields, services.GetRequiredService<IDocumentSession>(), key,
            services.GetRequiredService<TimeProvider>(), context.CancellationToken);
        return new RegisteredInPersonReply { CitizenId = citizenId.ToString() };
    }

    private async Task<CitizenReply> Reply(Guid citizenId, CancellationToken ct)
    {
        var view = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "There is no such citizen."));
        return new CitizenReply
        {
            CitizenId = view.CitizenId.ToString(),
            PreferredLanguage = view.Preferences.Language,
            PreferredChannel = view.Preferences.PreferredChannel ?? "",
            DealsElectronically = view.Preferences.DealsElectronically,
            // For a callback asked without a number: the phone the citizen gave us, else their WhatsApp number.
            Phone = view.Identities.FirstOrDefault(i => i.Kind == IdentityKinds.Phone)?.Value
                ?? view.Identities.FirstOrDefault(i => i.Kind == IdentityKinds.WhatsApp)?.Value ?? "",
            Email = view.Identities.FirstOrDefault(i => i.Kind == IdentityKinds.Email)?.Value ?? "",
        };
    }
}
