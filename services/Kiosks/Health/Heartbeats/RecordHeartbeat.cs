using Omnichannel.BuildingBlocks.Vocabulary;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Kiosks.LookingUp;

namespace Omnichannel.Kiosks.Health.Heartbeats;

/// <summary><c>peripherals</c>: the state of each peripheral by name ("printer": "paper-low", "id-card-scanner": "ok"), spelled as every enum on the wire;
/// one left out keeps its last state. <c>sentAt</c>: the kiosk's clock when it sent this.</summary>
public sealed record HeartbeatRequest(DateTimeOffset? SentAt, string? SoftwareVersion, Dictionary<string, string>? Peripherals)
{
    public static Peripheral? PeripheralNamed(string name) => WireEnum.TryParse<Peripheral>(name, out var p) ? p : null;
    public static PeripheralState? StateNamed(string? name) => WireEnum.TryParse<PeripheralState>(name, out var s) ? s : null;
}

public sealed class HeartbeatRequestValidator : AbstractValidator<HeartbeatRequest>
{
    public HeartbeatRequestValidator()
    {
        RuleFor(r => r.SentAt).NotNull();
        RuleFor(r => r.SoftwareVersion).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Peripherals).NotNull();
        RuleFor(r => r.Peripherals).Custom((peripherals, context) =>
        {
            foreach (var (name, state) in peripherals ?? [])
            {
                if (HeartbeatRequest.PeripheralNamed(name) is null)
                    context.AddFailure($"peripherals.{name}", $"Unknown peripheral; use: {string.Join(", ", WireEnum.All<Peripheral>())}.");
                else if (HeartbeatRequest.StateNamed(state) is null)
                    context.AddFailure($"peripherals.{name}", $"Unknown state; use: {string.Join(", ", WireEnum.All<PeripheralState>())}.");
            }
        });
    }
}

/// <summary>Whether the heartbeat was taken into account; <c>ignored</c> says why not ("stale": older than one taken
/// already, or sent too long ago).</summary>
public sealed record HeartbeatReply(bool Recorded, string? Ignored, Connection Connection);

public static class RecordHeartbeatEndpoint
{
    public static async Task<IResult> Handle(string kioskId, HeartbeatRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var kiosk = await session.LoadAsync<KioskView>(KioskState.StreamKey(id), ct) ?? throw Rejection.NotFound($"No kiosk '{id}'.");
        var document = await session.LoadAsync<KioskHealthDocument>(id, ct) ?? new KioskHealthDocument
        {
            Id = id, Council = RequestContext.RequiredTenantId, OfficeId = kiosk.OfficeId,
            Health = KioskHealth.Initial(id, kiosk.OfficeId, kiosk.Peripherals),
        };
        var reported = request.Peripherals!.ToDictionary(p => HeartbeatRequest.PeripheralNamed(p.Key)!.Value, p => HeartbeatRequest.StateNamed(p.Value)!.Value);
        var beat = new Heartbeat(id, request.SentAt!.Value, request.SoftwareVersion!.Trim(), reported, clock.GetUtcNow());

        var events = HealthDecisions.Decide(beat, document.Health);
        if (events.Count == 0) return TypedResults.Ok(new HeartbeatReply(false, "stale", document.Health.Connection));
        KioskHealthStore.Stage(session, document, events);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new HeartbeatReply(true, null, document.Health.Connection));
    }
}
