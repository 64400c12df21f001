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

    /// <summary>A kiosk of the fleet, signed in with its device credential (services/Kiosks): its token also names its
    /// office and kiosk id (<see cref="KioskClaims"/>), and it may call only the kiosks service's kiosk routes.</summary>
    public const string Kiosk = "kiosk";

    /// <summary>The council's data-protection officer (a second role beside <see cref="Staff"/>): records and follows citizens'
    /// erasure and access requests and reads the access log.</summary>
    public const string DataProtectionOfficer = "data-protection-officer";

    /// <summary>A waiting-room display of the fleet (a kiosks-service device of kind "display"), signed in with its device
    /// credential: its token names its office (<see cref="KioskClaims.Office"/>), and it may read only that office's
    /// display feed.</summary>
    public const string Display = "display";

    public const string StaffPolicy = "staff";
    public const string DataProtectionPolicy = "data-protection";
    public const string KioskPolicy = "kiosk";

    /// <summary>Staff, a channel app or a kiosk: the gateway's policy for the kiosks service's routes, which then
    /// decides per route. Every other service's routes stay "any-client", so a kiosk token reaches nothing else.</summary>
    public const string KioskOrClientPolicy = "kiosk-or-client";
    public const string AnyClientPolicy = "any-client";

    /// <summary>Staff, a channel app or a display device: the gateway's policy for the display feed's route only; the
    /// queues service then holds a display to its own office.</summary>
    public const string DisplayOrClientPolicy = "display-or-client";
}

/// <summary>The claims a kiosk token carries besides role and council.</summary>
public static class KioskClaims
{
    public const string Office = "office";
    public const string KioskId = "kiosk";
    /// <summary>Which device credential the token was exchanged for, so a rotated one stops working after its grace.</summary>
    public const string Credential = "cred";
}
