namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>The roles the gateway and services recognise in a bearer token's "role" claim.</summary>
public static class OmnichannelRoles
{
    /// <summary>Council staff (Citizen Assistance Managers, back office): may change the catalogue and see any citizen.</summary>
    public const string Staff = "staff";

    /// <summary>A channel front-end (kiosk app, web portal, chat bot) acting for citizens.</summary>
    public const string ChannelApp = "channel-app";

    public const string StaffPolicy = "staff";
    public const string AnyClientPolicy = "any-client";
}
