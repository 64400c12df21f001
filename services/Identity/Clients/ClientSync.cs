using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Omnichannel.Identity.Clients;

/// <summary>Makes OpenIddict's applications what configuration says (<see cref="ClientRegistrations"/>): created when
/// missing, updated otherwise (a new secret takes effect at the next start). Applications configuration no longer names
/// are left alone: a client is retired by an operator, not by a typo in a values file.</summary>
public static class ClientSync
{
    public static async Task ApplyAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in scope.ServiceProvider.GetRequiredService<ClientRegistrations>().All)
        {
            if (Describe(client) is not { } descriptor)
            {
                logger.LogWarning("Identity client {ClientId} is not registered: it needs RedirectUris (a staff front-end) or a Role and a Secret (a machine client)", client.ClientId);
                continue;
            }
            if (await manager.FindByClientIdAsync(client.ClientId, cancellationToken) is { } existing)
                await manager.UpdateAsync(existing, descriptor, cancellationToken);
            else
                await manager.CreateAsync(descriptor, cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor? Describe(ClientRegistration client)
    {
        var confidential = !string.IsNullOrEmpty(client.Secret);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.Secret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.DisplayName ?? client.ClientId,
            // First-party clients only: the council's staff sign in to the council's console; there is nothing to consent to.
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        if (client.IsInteractive)
        {
            foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
            foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            ]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            return descriptor;
        }
        if (client.IsMachine && confidential && ClientRegistration.MachineRoles.Contains(client.Role) && !string.IsNullOrWhiteSpace(client.Council))
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
            return descriptor;
        }
        return null;
    }
}
