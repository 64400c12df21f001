using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Calendar;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Booking;

public sealed record HoldRequest(string? OfficeId, string? ProcedureCode, DateTimeOffset? StartsAt, string? Channel);
public sealed record CancelRequest(string? Reason, string? Channel);
public sealed record RescheduleRequest(DateTimeOffset? StartsAt, string? Channel);
public sealed record CheckInRequest(string? Channel);

public sealed class HoldRequestValidator : AbstractValidator<HoldRequest>
{
    public HoldRequestValidator()
    {
        RuleFor(r => r.OfficeId).NotEmpty();
        RuleFor(r => r.ProcedureCode).NotEmpty();
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.InteractionChannels.Contains(c))
            .WithMessage($"Unknown channel; use one of: {string.Join(", ", Channels.InteractionChannels)}.");
    }
}

public sealed class RescheduleRequestValidator : AbstractValidator<RescheduleRequest>
{
    public RescheduleRequestValidator()
    {
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.Channel).Must(c => c is null || Channels.InteractionChannels.Contains(c)).WithMessage("Unknown channel.");
    }
}

public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments").WithTags("Appointments").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapGet("/slots", FindSlots).WithName("FindSlots")
            .WithSummary("Free slots of a procedure (at one office or all), over a range of local days (at most 31), in one call.");
        // The citizen is in the path so the gateway can limit booking attempts per citizen as well as per client.
        api.MapPost("/citizens/{citizenId:guid}/holds", Hold).WithName("HoldSlot")
            .WithSummary("Holds a slot for a citizen for a few minutes while the booking flow completes; confirm it to book.")
            .Validate<HoldRequest>();
        api.MapPost("/citizens/{citizenId:guid}/bookings", Book).WithName("BookSlot")
            .WithSummary("Books a slot for a citizen at once (hold and confirm in one step), e.g. from a phone agent or a kiosk.")
            .Validate<HoldRequest>();
        api.MapGet("/citizens/{citizenId:guid}", ForCitizen).WithName("CitizenAppointments")
            .WithSummary("A citizen's appointments, newest first.");
        api.MapPost("/{appointmentId:guid}/confirmation", Confirm).WithName("ConfirmHold")
            .WithSummary("Confirms a held slot: the appointment is booked. A hold that expired must be held again.");
        api.MapPost("/{appointmentId:guid}/cancellation", Cancel).WithName("CancelAppointment")
            .WithSummary("Cancels an appointment; its slot is free at once.");
        api.MapPost("/{appointmentId:guid}/reschedule", Reschedule).WithName("RescheduleAppointment")
            .WithSummary("Moves an appointment to another slot, atomically: it keeps its old slot unless it gets the new one.")
            .Validate<RescheduleRequest>();
        api.MapPost("/{appointmentId:guid}/check-in", CheckIn).WithName("CheckIn")
            .WithSummary("The citizen arrived (kiosk, welcome desk): puts them on the office's appointment line.");
        api.MapPost("/{appointmentId:guid}/completion", Complete).WithName("CompleteAppointment")
            .WithSummary("The citizen was attended (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        api.MapGet("/by-code/{code}", GetByCode).WithName("GetAppointmentByCode")
            .WithSummary("An appointment by the personal code the citizen was given.");
        api.MapGet("/{appointmentId:guid}", Get).WithName("GetAppointment")
            .WithSummary("An appointment by id.");
        api.MapGet("/{appointmentId:guid}.ics", Ics).WithName("AppointmentCalendar")
            .WithSummary("The appointment as an iCalendar (RFC 5545) object: REQUEST, or CANCEL once cancelled.")
            .Produces<string>(contentType: "text/calendar");
        return api;
    }

    private static async Task<IResult> FindSlots(string? procedureCode, string? officeId, DateOnly? from, DateOnly? to, SlotFinder finder, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(procedureCode)) throw Rejection.Invalid("procedureCode", "Say which procedure the appointment is for.");
        var (slots, length) = await finder.FindAsync(procedureCode, string.IsNullOrWhiteSpace(officeId) ? null : officeId, from, to, ct);
        return TypedResults.Ok(new { procedureCode, slotMinutes = (int)length.TotalMinutes, slots });
    }

    private static Task<IResult> Hold(Guid citizenId, HoldRequest request, Bookings bookings, CancellationToken ct) =>
        Take(citizenId, request, bookings, confirm: false, ct);

    private static Task<IResult> Book(Guid citizenId, HoldRequest request, Bookings bookings, CancellationToken ct) =>
        Take(citizenId, request, bookings, confirm: true, ct);

    private static async Task<IResult> Take(Guid citizenId, HoldRequest request, Bookings bookings, bool confirm, CancellationToken ct)
    {
        var state = await bookings.HoldAsync(citizenId, request.OfficeId!, request.ProcedureCode!, request.StartsAt!.Value, request.Channel!, confirm, ct);
        return TypedResults.Created($"/api/appointments/{state.Ref.AppointmentId}", Reply(state));
    }

    private static async Task<IResult> Confirm(Guid appointmentId, Bookings bookings, CancellationToken ct) =>
        TypedResults.Ok(Reply(await bookings.ConfirmAsync(appointmentId, ct)));

    private static async Task<IResult> Cancel(Guid appointmentId, CancelRequest? request, Bookings bookings, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(Reply(await bookings.CancelAsync(appointmentId, request?.Reason?.Trim(), request?.Channel, http.User.Subject(), ct)));

    private static async Task<IResult> Reschedule(Guid appointmentId, RescheduleRequest request, Bookings bookings, CancellationToken ct) =>
        TypedResults.Ok(Reply(await bookings.RescheduleAsync(appointmentId, request.StartsAt!.Value, request.Channel, ct)));

    private static async Task<IResult> CheckIn(Guid appointmentId, CheckInRequest? request, Bookings bookings, CancellationToken ct) =>
        TypedResults.Ok(Reply(await bookings.CheckInAsync(appointmentId, request?.Channel, ct)));

    private static async Task<IResult> Complete(Guid appointmentId, Bookings bookings, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(Reply(await bookings.CompleteAsync(appointmentId, http.User.Subject(), ct)));

    private static async Task<IResult> GetByCode(string code, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var normalized = AppointmentCode.Require(code);
        var view = await session.Query<AppointmentView>().Where(a => a.Code == normalized).FirstOrDefaultAsync(ct)
            ?? throw Rejection.NotFound("No appointment has this code.");
        return TypedResults.Ok(Reply(view, clock.GetUtcNow()));
    }

    private static async Task<IResult> Get(Guid appointmentId, IQuerySession session, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(appointmentId), ct) ?? throw Rejection.NotFound("There is no such appointment.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(Reply(view, clock.GetUtcNow()));
    }

    private static async Task<IResult> ForCitizen(Guid citizenId, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var views = await session.Query<AppointmentView>().Where(a => a.CitizenId == citizenId).OrderByDescending(a => a.StartsAt).Take(100).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(views.Select(v => Reply(v, now)));
    }

    private static async Task<IResult> Ics(Guid appointmentId, IQuerySession session, ProcedureDurations procedures, IBusinessCalendars calendars,
        IOptions<CalendarOrganizer> organizer, CancellationToken ct)
    {
        var view = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(appointmentId), ct) ?? throw Rejection.NotFound("There is no such appointment.");
        var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(view.OfficeId), ct);
        var procedure = await procedures.GetAsync(view.ProcedureCode, ct);
        var text = AppointmentIcs.Write(view, office, procedure.Name.Ca, calendars.For("on-site").TimeZone,
            organizer.Value.For(BuildingBlocks.Context.RequestContext.TenantId));
        return TypedResults.Text(text, AppointmentIcs.ContentType);
    }

    public sealed record AppointmentReply(Guid AppointmentId, string Code, string Status, Guid CitizenId, string OfficeId, string ProcedureCode,
        string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? HeldUntil, int Sequence);

    private static AppointmentReply Reply(AppointmentState s) => new(s.Ref.AppointmentId, s.Ref.Code, s.Status.ToString().ToLowerInvariant(), s.Ref.CitizenId,
        s.Ref.OfficeId, s.Ref.ProcedureCode, s.Channel, s.StartsAt, s.EndsAt, s.HeldUntil, s.Sequence);

    private static AppointmentReply Reply(AppointmentView v, DateTimeOffset now) => new(v.AppointmentId, v.Code, v.StatusAt(now), v.CitizenId,
        v.OfficeId, v.ProcedureCode, v.Channel, v.StartsAt, v.EndsAt, v.HeldUntil, v.Sequence);
}
