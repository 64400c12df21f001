namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>The roles the gateway and services recognise in a bearer token's "role" claim.</summary>
public static class OmnichannelRoles
{
    /// <summary>Council staff (Citizen Assistance Managers, back office): may change the catalogue and see any citizen.</summary>
    public const string Staff = "staff";

    /// <summary>A channel front-end (kiosk app, web portal, chat bot) acting for citizens.</summary>
    public const string ChannelApp = "channel-app";

    /// <summary>Another service of the platform calling over gRPC, for the council of the work in progress
    /// (<see cref="ServiceTokens"/>). Refused on REST routes; the only role gRPC services accept.</summary>
    public const string Service = "service";

    public const string StaffPolicy = "staff";
    public const string AnyClientPolicy = "any-client";
}
