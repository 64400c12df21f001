using Omnichannel.BuildingBlocks.Vocabulary;
using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Kiosks.Health;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Kiosks;

/// <summary>Which of the kiosks service's events other services hear about: the fleet's health changes, for operations.</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/kiosks";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        PeripheralStateChanged { To: PeripheralState.Ok } e => new V1.KioskPeripheralRecovered(stored.TenantId, e.At, null, null, e.KioskId, e.OfficeId, WireEnum.Name(e.Peripheral)),
        PeripheralStateChanged e => new V1.KioskPeripheralFaulted(stored.TenantId, e.At, null, null, e.KioskId, e.OfficeId, WireEnum.Name(e.Peripheral), WireEnum.Name(e.To)),
        KioskWentOffline e => new V1.KioskWentOffline(stored.TenantId, e.At, null, null, e.KioskId, e.OfficeId, e.LastSeenAt),
        KioskCameBackOnline e => new V1.KioskBackOnline(stored.TenantId, e.At, null, null, e.KioskId, e.OfficeId, e.OfflineSince),
        // Only an identified session names a citizen, and only its end reaches their history.
        Sessions.SessionEnded { CitizenId: { } citizen } e => new V1.KioskSessionEnded(stored.TenantId, e.At, citizen, Channels.Kiosk, e.SessionId, e.KioskId, e.OfficeId,
            e.StartedAt, e.Actions, [.. e.Did.Select(WireEnum.Name)], WireEnum.Name(e.Ending)),
        _ => null,
    };
}
