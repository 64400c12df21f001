using System.Globalization;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;
using Omnichannel.Kiosks.Sessions.BookingAppointments;

namespace Omnichannel.Kiosks.Sessions.ChangingAppointments;

/// <summary>The appointment's code as the citizen typed it (forgiven as everywhere) and, to move it, the start of a
/// free slot of its office and procedure (<c>appointment-slots</c>). In the body: a code is the citizen's, not for a URL.</summary>
public sealed record MoveAppointmentRequest(string? Code, DateTimeOffset? StartsAt);

public sealed record CancelAppointmentRequest(string? Code);

public sealed class MoveAppointmentRequestValidator : AbstractValidator<MoveAppointmentRequest>
{
    public MoveAppointmentRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(40);
        RuleFor(r => r.StartsAt).NotNull();
    }
}

public sealed class CancelAppointmentRequestValidator : AbstractValidator<CancelAppointmentRequest>
{
    public CancelAppointmentRequestValidator() => RuleFor(r => r.Code).NotEmpty().MaximumLength(40);
}

/// <summary>
/// Moving or cancelling an appointment at the kiosk, in its open session, by the appointment's code: holding the code is
/// what lets a citizen change it (as on the web and in the chats), so an anonymous session may too. The appointments
/// service decides over gRPC (service token, the kiosk's council), with the kiosk channel; the session records it.
/// </summary>
public static class ChangeAppointmentEndpoints
{
    public static async Task<IResult> Move(string kioskId, Guid sessionId, MoveAppointmentRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (own, key) = await OpenSessionAsync(session, sessionId, http, ct);
        var code = AppointmentCode(request.Code!);
        var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
        var reply = await NeighbourCalls.CallAsync("appointments", async () => await book.RescheduleAsync(new RescheduleRequest
        {
            Code = code, StartsAt = request.StartsAt!.Value.ToString("O", CultureInfo.InvariantCulture), Channel = Channels.Kiosk,
        }, cancellationToken: ct), ct);
        await RecordAsync(session, key, new RecordAction(own.KioskId, sessionId, SessionAction.AppointmentMoved, reply.Code, clock.GetUtcNow(), IssuedWhileOpen: true), ct);
        return TypedResults.Ok(Booked(reply));
    }

    public static async Task<IResult> Cancel(string kioskId, Guid sessionId, CancelAppointmentRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (own, key) = await OpenSessionAsync(session, sessionId, http, ct);
        var code = AppointmentCode(request.Code!);
        var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
        var reply = await NeighbourCalls.CallAsync("appointments", async () => await book.CancelAsync(new CancelRequest
        {
            Code = code, Reason = "kiosk", Channel = Channels.Kiosk,
        }, cancellationToken: ct), ct);
        await RecordAsync(session, key, new RecordAction(own.KioskId, sessionId, SessionAction.AppointmentCancelled, reply.Code, clock.GetUtcNow(), IssuedWhileOpen: true), ct);
        return TypedResults.Ok(Booked(reply));
    }

    /// <summary>The session checked open before the appointments service is asked anything.</summary>
    private static async Task<(KioskIdentity Own, string Key)> OpenSessionAsync(IDocumentSession session, Guid sessionId, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var key = SessionsState.StreamKey(own.KioskId);
        var (state, _) = await session.LoadAsync(key, SessionsState.Initial, SessionsState.Evolve, ct);
        SessionDecisions.Open(state, sessionId);
        return (own, key);
    }

    private static async Task RecordAsync(IDocumentSession session, string key, RecordAction command, CancellationToken ct) =>
        await session.DecideAndAppendAsync(key, SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);

    /// <summary>Only an appointment code: a typo in one, or something else, is the citizen's 400 naming <c>code</c>.</summary>
    private static string AppointmentCode(string typed) => PersonalCode.Appointment.Require(typed, "code");

    private static BookedAppointment Booked(AppointmentReply reply) => new(reply.Code, reply.OfficeId, reply.ProcedureCode,
        DateTimeOffset.Parse(reply.StartsAt, CultureInfo.InvariantCulture), DateTimeOffset.Parse(reply.EndsAt, CultureInfo.InvariantCulture), reply.Status);
}
