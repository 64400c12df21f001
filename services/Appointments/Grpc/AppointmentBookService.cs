using Omnichannel.BuildingBlocks.Vocabulary;
using System.Globalization;
using Grpc.Core;
using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using AppointmentReply = Omnichannel.Contracts.Grpc.Appointments.V1.AppointmentReply;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Cancelling;
using Omnichannel.Appointments.Rescheduling;

namespace Omnichannel.Appointments.Grpc;

/// <summary>Appointments for kiosks and messaging: the same rules as the REST API (refusals become gRPC statuses).</summary>
public sealed class AppointmentBookService(SlotFinder finder, Bookings bookings, IQuerySession session, TimeProvider clock)
    : AppointmentBook.AppointmentBookBase
{
    public override async Task<FindSlotsReply> FindSlots(FindSlotsRequest request, ServerCallContext context)
    {
        var (slots, length) = await finder.FindAsync(request.ProcedureCode, Empty(request.OfficeId), Date(request.From, "from"), Date(request.To, "to"), context.CancellationToken);
        var reply = new FindSlotsReply { SlotMinutes = (int)length.TotalMinutes };
        reply.Slots.AddRange(slots.Select(s => new Slot { OfficeId = s.OfficeId, StartsAt = Text(s.StartsAt), EndsAt = Text(s.EndsAt), Free = s.Free }));
        return reply;
    }

    public override async Task<AppointmentReply> Book(BookRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CitizenId, out var citizenId)) throw Rejection.Invalid("citizen_id", "Not a citizen id.");
        if (!DateTimeOffset.TryParse(request.StartsAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var startsAt))
            throw Rejection.Invalid("starts_at", "An ISO 8601 instant with its offset, e.g. 2026-12-03T09:30:00+01:00.");
        if (!Channels.IsKnown(request.Channel)) throw Rejection.Invalid("channel", Channels.UnknownMessage);
        var state = await bookings.HoldAsync(citizenId, request.OfficeId, request.ProcedureCode, startsAt, request.Channel, confirm: true, context.CancellationToken);
        return Reply(state.Ref, WireEnum.Name(state.Status), state.StartsAt, state.EndsAt);
    }

    public override async Task<AppointmentReply> Cancel(Contracts.Grpc.Appointments.V1.CancelRequest request, ServerCallContext context)
    {
        var view = await ByCode(request.Code, context.CancellationToken);
        var state = await bookings.CancelAsync(view.AppointmentId, Empty(request.Reason), Channel(request.Channel), "grpc", context.CancellationToken);
        return Reply(state.Ref, WireEnum.Name(state.Status), state.StartsAt, state.EndsAt);
    }

    public override async Task<AppointmentReply> Reschedule(Contracts.Grpc.Appointments.V1.RescheduleRequest request, ServerCallContext context)
    {
        if (!DateTimeOffset.TryParse(request.StartsAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var startsAt))
            throw Rejection.Invalid("starts_at", "An ISO 8601 instant with its offset, e.g. 2026-12-03T09:30:00+01:00.");
        var channel = Channel(request.Channel);
        var view = await ByCode(request.Code, context.CancellationToken);
        var state = await bookings.RescheduleAsync(view.AppointmentId, startsAt, channel, context.CancellationToken);
        return Reply(state.Ref, WireEnum.Name(state.Status), state.StartsAt, state.EndsAt);
    }

    private static string? Channel(string channel) =>
        string.IsNullOrWhiteSpace(channel) ? null : Channels.IsKnown(channel) ? channel : throw Rejection.Invalid("channel", Channels.UnknownMessage);

    public override async Task<AppointmentReply> GetByCode(GetByCodeRequest request, ServerCallContext context)
    {
        var view = await ByCode(request.Code, context.CancellationToken);
        return Reply(new AppointmentRef(view.AppointmentId, view.Code, view.CitizenId, view.OfficeId, view.ProcedureCode), view.StatusAt(clock.GetUtcNow()), view.StartsAt, view.EndsAt);
    }

    private async Task<AppointmentView> ByCode(string code, CancellationToken ct)
    {
        var normalized = AppointmentCode.Require(code);
        return await session.Query<AppointmentView>().Where(a => a.Code == normalized).FirstOrDefaultAsync(ct)
            ?? throw Rejection.NotFound("No appointment has this code.");
    }

    private static AppointmentReply Reply(AppointmentRef r, string status, DateTimeOffset starts, DateTimeOffset ends) => new()
    {
        AppointmentId = r.AppointmentId.ToString(), Code = r.Code, Status = status, OfficeId = r.OfficeId, ProcedureCode = r.ProcedureCode,
        StartsAt = Text(starts), EndsAt = Text(ends), CitizenId = r.CitizenId.ToString(),
    };

    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string? Empty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateOnly? Date(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw Rejection.Invalid(field, "A date as yyyy-MM-dd.");
}
