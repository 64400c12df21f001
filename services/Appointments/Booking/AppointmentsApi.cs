using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.Appointments.Cancelling;
using Omnichannel.Appointments.CheckingIn;
using Omnichannel.Appointments.Completing;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.FindingSlots;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Invitations;
using Omnichannel.Appointments.LookingUp;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Appointments.Booking;

/// <summary>The appointments' routes; each handler lives in its use case's folder.</summary>
public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/appointments").WithTags("Appointments").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapGet("/slots", FindSlotsEndpoint.Handle).WithName("FindSlots")
            .WithSummary("Free slots of a procedure (at one office or all), over a range of local days (at most 31), in one call. The days of an open booking window need the waiting room's admitted token (header Waiting-Room-Token; else 409 waiting-room).")
            .Produces<FoundSlots>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // The citizen is in the path so the gateway can limit booking attempts per citizen as well as per client.
        api.MapPost("/citizens/{citizenId:guid}/holds", HoldSlotEndpoint.Handle).WithName("HoldSlot")
            .WithSummary("Holds a slot for a citizen for a few minutes while the booking flow completes; confirm it to book.")
            .Validate<HoldRequest>().Produces<AppointmentReply>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/citizens/{citizenId:guid}/bookings", BookSlotEndpoint.Handle).WithName("BookSlot")
            .WithSummary("Books a slot for a citizen at once (hold and confirm in one step), e.g. from a phone agent or a kiosk.")
            .Validate<HoldRequest>().Produces<AppointmentReply>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/citizens/{citizenId:guid}", AppointmentLookups.ForCitizen).WithName("CitizenAppointments").RecordsPersonalDataRead("citizen-appointments")
            .WithSummary("A citizen's appointments, newest first.").Produces<List<AppointmentReply>>();
        api.MapPost("/{appointmentId:guid}/confirmation", ConfirmHoldEndpoint.Handle).WithName("ConfirmHold").TakesIfMatch()
            .WithSummary("Confirms a held slot: the appointment is booked. A hold that expired must be held again.")
            .Produces<AppointmentReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{appointmentId:guid}/cancellation", CancelAppointmentEndpoint.Handle).WithName("CancelAppointment").TakesIfMatch()
            .WithSummary("Cancels an appointment; its slot is free at once.")
            .Produces<AppointmentReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{appointmentId:guid}/reschedule", RescheduleAppointmentEndpoint.Handle).WithName("RescheduleAppointment").TakesIfMatch()
            .WithSummary("Moves an appointment to another slot, atomically: it keeps its old slot unless it gets the new one.")
            .Validate<RescheduleRequest>()
            .Produces<AppointmentReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{appointmentId:guid}/check-in", CheckInEndpoint.Handle).WithName("CheckIn").TakesIfMatch()
            .WithSummary("The citizen arrived (kiosk, welcome desk): puts them on the office's appointment line.")
            .Produces<AppointmentReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{appointmentId:guid}/completion", CompleteAppointmentEndpoint.Handle).WithName("CompleteAppointment").TakesIfMatch()
            .WithSummary("The citizen was attended (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<AppointmentReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/by-code/{code}", AppointmentLookups.ByCode).WithName("GetAppointmentByCode")
            .WithSummary("An appointment by the personal code the citizen was given.")
            .Produces<PublicAppointment>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{appointmentId:guid}", AppointmentLookups.ById).WithName("GetAppointment").RecordsPersonalDataRead("appointment-details")
            .WithSummary("An appointment by id.").Produces<AppointmentReply>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{appointmentId:guid}.ics", GetInvitationEndpoint.Handle).WithName("AppointmentCalendar")
            .WithSummary("The appointment as an iCalendar (RFC 5545) object: REQUEST, or CANCEL once cancelled.")
            .Produces<string>(contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{appointmentId:guid}/calendar-link", SignedInvitationEndpoint.Link).WithName("AppointmentCalendarLink")
            .WithSummary("A link to the appointment's calendar entry in a language (lang: ca, es, en) that opens with no login, signed and expiring: for the citizen's phone calendar.")
            .Produces<CalendarLink>().ProducesProblem(StatusCodes.Status404NotFound);
        // Public: a calendar app fetches it with no token. The signature over the council, id, language and expiry is the key.
        app.MapGet($"{CalendarLinks.Prefix}/{{council}}/{{appointmentId:guid}}.ics", SignedInvitationEndpoint.Calendar).WithName("SignedAppointmentCalendar")
            .WithTags("Appointments").AllowAnonymous()
            .WithSummary("The appointment's calendar entry through a signed link (no token): in the link's language, with the documents to bring. A changed link is 403, an expired one 410.")
            .Produces<string>(contentType: "text/calendar").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }
}
