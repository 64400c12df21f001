using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Kiosks.LookingUp;
using Omnichannel.BuildingBlocks.OfficeDirectory;

namespace Omnichannel.Kiosks.Health.Fleet;

/// <summary>One kiosk of an office's fleet: where it is, whether it is online and since when, its software and each
/// peripheral's state and since when. <c>connection</c> NeverSeen: enrolled, no heartbeat yet.</summary>
public sealed record FleetKiosk(string KioskId, string Location, bool Revoked, Connection Connection, DateTimeOffset? ConnectionSince,
    DateTimeOffset? LastSeenAt, string SoftwareVersion, DateTimeOffset? SoftwareSince, IReadOnlyList<PeripheralStatus> Peripherals, bool OutOfService);

public sealed record OfficeFleet(string OfficeId, IReadOnlyList<FleetKiosk> Kiosks);

public static class OfficeFleetEndpoint
{
    public static async Task<IResult> Handle(string officeId, IQuerySession session, CancellationToken ct)
    {
        if (await DirectoryOffices.FindAsync(session, officeId, ct) is null)
            throw Rejection.NotFound($"Office '{officeId}' is not in the office directory.");
        var kiosks = await session.Query<KioskView>().Where(k => k.OfficeId == officeId).OrderBy(k => k.EnrolledAt).ToListAsync(ct);
        var health = (await session.LoadManyAsync<KioskHealthDocument>(ct, kiosks.Select(k => k.KioskId).ToArray())).ToDictionary(h => h.Id);
        var privacy = (await session.LoadManyAsync<Sessions.KioskSessionsView>(ct, kiosks.Select(k => Sessions.SessionsState.StreamKey(k.KioskId)).ToArray()))
            .ToDictionary(v => v.KioskId);
        return TypedResults.Ok(new OfficeFleet(officeId, [.. kiosks.Select(k =>
        {
            var h = health.TryGetValue(k.KioskId, out var d) ? d.Health : KioskHealth.Initial(k.KioskId, k.OfficeId, k.Peripherals);
            var peripherals = h.Peripherals.Count > 0 ? h.Peripherals : [];
            return new FleetKiosk(k.KioskId, k.Location, k.Revoked, h.Connection, h.ConnectionSince, h.LastSeenAt, h.SoftwareVersion, h.SoftwareSince, peripherals,
                privacy.TryGetValue(k.KioskId, out var p) && p.OutOfService);
        })]));
    }
}
