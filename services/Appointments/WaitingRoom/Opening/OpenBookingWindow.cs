using FluentValidation;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Slots;
using Omnichannel.Appointments.WaitingRoom.Admitting;
using Omnichannel.Appointments.WaitingRoom.Watching;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Appointments.WaitingRoom.Opening;

/// <summary>Staff open a procedure's booking window, now or at a scheduled time: the days it offers (at one office or
/// every office serving it), and optionally how many clients choose at once and for how long.</summary>
public sealed record OpenWindowRequest(DateTimeOffset? OpensAt, DateOnly? FirstDay, DateOnly? LastDay, string? OfficeId, int? AdmitAtOnce, int? AdmissionSeconds);

public sealed class OpenWindowRequestValidator : AbstractValidator<OpenWindowRequest>
{
    public OpenWindowRequestValidator()
    {
        RuleFor(r => r.OpensAt).NotNull();
        RuleFor(r => r.FirstDay).NotNull();
        RuleFor(r => r.LastDay).NotNull()
            .Must((r, last) => r.FirstDay is null || last is null || (last >= r.FirstDay && last.Value.DayNumber - r.FirstDay.Value.DayNumber < SlotFinder.MaxDays))
            .WithMessage($"The window's last day must be on or after its first day, at most {SlotFinder.MaxDays} days in all.");
        RuleFor(r => r.OfficeId).MaximumLength(100);
        RuleFor(r => r.AdmitAtOnce).InclusiveBetween(1, 1000);
        RuleFor(r => r.AdmissionSeconds).InclusiveBetween(30, 3600);
    }
}

public static class OpenBookingWindowEndpoint
{
    public static async Task<IResult> Handle(string procedureCode, OpenWindowRequest request, SlotFinder finder, WaitingRoomStore store, RoomCache cache,
        IOptions<WaitingRoomOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var office = string.IsNullOrWhiteSpace(request.OfficeId) ? null : request.OfficeId;
        // The places are what the window's days have free now (404/400 for an unknown office or procedure); from the
        // opening on, every booking for those days goes through the room, so the count holds.
        var (slots, _) = await finder.FindAsync(procedureCode, office, request.FirstDay, request.LastDay, ct);
        var tenant = RequestContext.RequiredTenantId;
        var room = await store.ScheduleAsync(tenant, procedureCode, office, request.FirstDay!.Value, request.LastDay!.Value, request.OpensAt!.Value,
            slots.Sum(s => s.Free), request.AdmitAtOnce ?? options.Value.AdmitAtOnce, request.AdmissionSeconds ?? options.Value.AdmissionSeconds, clock.GetUtcNow(), ct,
            options.Value.StandbyPositions, options.Value.SettleMilliseconds);
        cache.Forget(tenant, procedureCode);
        return TypedResults.Ok(await WatchRoomEndpoint.ViewAsync(store, tenant, room, clock.GetUtcNow(), ct));
    }
}
