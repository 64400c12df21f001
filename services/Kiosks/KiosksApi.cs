using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Enrolling;
using Omnichannel.Kiosks.LookingUp;
using Omnichannel.Kiosks.Revoking;
using Omnichannel.Kiosks.Rotating;
using Omnichannel.Kiosks.SigningIn;

namespace Omnichannel.Kiosks;

/// <summary>The kiosk fleet: staff enrol, rotate and revoke kiosks; a kiosk signs in with its device credential and then
/// acts only as itself, at its own office (<see cref="KioskAccessFilter"/>).</summary>
public static class KiosksApi
{
    public const string StaffOrKioskPolicy = "staff-or-kiosk";

    public static RouteGroupBuilder MapKiosksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/kiosks").WithTags("Kiosks").AddEndpointFilter<KioskAccessFilter>();

        api.MapPost("/", EnrolKioskEndpoint.Handle).WithName("EnrolKiosk")
            .WithSummary("Enrols a kiosk at an office of the directory, with its place in the building and its peripherals (staff). "
                + "Answers its id and its device credential, shown this once: only a hash of it is kept.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<EnrolKioskRequest>()
            .Produces<EnrolledKiosk>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/device-tokens", SignInEndpoint.Handle).WithName("SignInKiosk")
            .WithSummary("A kiosk exchanges its device credential for a short-lived token (role kiosk, its council, office and id). "
                + "An unknown, revoked or replaced credential is a 401.")
            .AllowAnonymous().Validate<SignInRequest>()
            // 403 too: a request that carries some token without a council is refused before any route (TenantMiddleware).
            .Produces<KioskToken>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/{kioskId}", GetKioskEndpoint.Handle).WithName("GetKiosk")
            .WithSummary("One kiosk: office, location, peripherals, whether revoked and until when an old credential works (staff, or the kiosk itself).")
            .RequireAuthorization(StaffOrKioskPolicy)
            .Produces<KioskReply>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{kioskId}/credential-rotation", RotateCredentialEndpoint.Handle).WithName("RotateKioskCredential")
            .WithSummary("Gives the kiosk a new device credential (shown this once); the old one works until the grace ends (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<RotateCredentialRequest>()
            .Produces<RotatedCredential>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{kioskId}/revocation", RevokeKioskEndpoint.Handle).WithName("RevokeKiosk")
            .WithSummary("Revokes the kiosk: none of its credentials or tokens is accepted from now on (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<RevokeKioskRequest>()
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{kioskId}/heartbeats", Health.Heartbeats.RecordHeartbeatEndpoint.Handle).WithName("RecordHeartbeat")
            .WithSummary("The kiosk reports its peripherals and software version (the kiosk itself). A heartbeat older than one taken, "
                + "or sent too long ago, is ignored (recorded false, ignored \"stale\"); one from the future is a 400. Only changes raise events.")
            .RequireAuthorization(OmnichannelRoles.KioskPolicy).Validate<Health.Heartbeats.HeartbeatRequest>()
            .Produces<Health.Heartbeats.HeartbeatReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/offices/{officeId}/fleet", Health.Fleet.OfficeFleetEndpoint.Handle).WithName("GetOfficeFleet")
            .WithSummary("Every kiosk of an office: online or offline and since when, last heartbeat, software, each peripheral's state and since when (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<Health.Fleet.OfficeFleet>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/offices/{officeId}/menu", Menus.Publishing.PublishMenuEndpoint.ForOffice).WithName("PublishOfficeKioskMenu")
            .WithSummary("Publishes a new version of the menu every kiosk of the office shows (staff): a title in ca/es/en and procedures in order, "
                + "each one the catalogue offers on the kiosk channel (400 naming the entry otherwise). If-Match: the version read.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Menus.Publishing.PublishMenuRequest>().TakesIfMatch()
            .Produces<Menus.Publishing.PublishedMenu>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/offices/{officeId}/menu", Menus.Publishing.PublishMenuEndpoint.GetOfficeMenu).WithName("GetOfficeKioskMenu")
            .WithSummary("The published version of the office's kiosk menu, as staff edit it (staff; ETag: its version).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<Menus.Publishing.PublishedMenu>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{kioskId}/menu", Menus.Publishing.PublishMenuEndpoint.ForKiosk).WithName("PublishKioskMenu")
            .WithSummary("Publishes a new version of one kiosk's own menu, shown instead of its office's (staff). If-Match: the version read.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Menus.Publishing.PublishMenuRequest>().TakesIfMatch()
            .Produces<Menus.Publishing.PublishedMenu>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{kioskId}/menu", Menus.Fetching.GetKioskMenuEndpoint.Handle).WithName("GetKioskMenu")
            .WithSummary("The menu this kiosk shows now (the kiosk itself, or staff): its own or its office's, less withdrawn and out-of-season procedures "
                + "and, while its printer is out, jammed or faulty, those that need it. ETag / If-None-Match: 304 when unchanged.")
            .RequireAuthorization(StaffOrKioskPolicy)
            .Produces<Menus.Fetching.KioskMenu>().Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{kioskId}/appointment-slots", Sessions.BookingAppointments.BookAppointmentEndpoint.Slots).WithName("GetKioskAppointmentSlots")
            .WithSummary("Free appointment slots for a procedure at the kiosk's own office, or at officeId (the kiosk itself; from the appointments service).")
            .RequireAuthorization(OmnichannelRoles.KioskPolicy)
            .Produces<Sessions.BookingAppointments.KioskSlots>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{kioskId}/appointment-offices", Sessions.BookingAppointments.BookAppointmentEndpoint.Offices).WithName("GetKioskAppointmentOffices")
            .WithSummary("The offices with free slots for a procedure in the coming days, with their names: the kiosk's own first, then by first free slot (the kiosk itself).")
            .RequireAuthorization(OmnichannelRoles.KioskPolicy)
            .Produces<Sessions.BookingAppointments.KioskAppointmentOffices>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{kioskId}/appointment-procedures", Sessions.BookingAppointments.BookAppointmentEndpoint.Procedures).WithName("GetKioskAppointmentProcedures")
            .WithSummary("The procedures a citizen can book an appointment for: the catalogue's, given by appointment, not withdrawn, in season (the kiosk itself).")
            .RequireAuthorization(OmnichannelRoles.KioskPolicy)
            .Produces<Sessions.BookingAppointments.KioskAppointmentProcedures>();
        api.MapGet("/{kioskId}/tickets/{number}", Sessions.TakingTickets.GetTicketEndpoint.Handle).WithName("GetKioskTicket")
            .WithSummary("A ticket of today at the kiosk's own office, with its place and expected wait now (the kiosk itself; from the queues service).")
            .RequireAuthorization(OmnichannelRoles.KioskPolicy)
            .Produces<Sessions.TakingTickets.TakenTicket>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/offices/{officeId}/assistants/me", Assistance.Assistants.SetAvailabilityEndpoint.Handle).WithName("SetKioskAssistantAvailability")
            .WithSummary("The member of staff starts (available true) or stops assisting at the office's kiosks; the one free longest is called first (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<Assistance.Assistants.AvailabilityRequest>()
            .Produces<Assistance.Assistants.AssistantReply>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/offices/{officeId}/assistance", Assistance.Handling.HandleAssistanceEndpoints.OfficeQueue).WithName("GetOfficeAssistanceQueue")
            .WithSummary("The office's assistance queue: help requests from its kiosks waiting or being handled, on site and remote (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<List<Assistance.Handling.AssistanceItem>>();
        api.MapGet("/assistance/remote", Assistance.Handling.HandleAssistanceEndpoints.RemoteQueue).WithName("GetRemoteAssistanceQueue")
            .WithSummary("The staff assistance queue: remote help requests from every office's kiosks, waiting or being handled (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<List<Assistance.Handling.AssistanceItem>>();
        api.MapPost("/assistance/{requestId:guid}/acceptance", Assistance.Handling.HandleAssistanceEndpoints.Accept).WithName("AcceptKioskAssistance")
            .WithSummary("Staff take a help request and join the kiosk's session as its assistant; a remote one answers the video room link (staff). 409 if someone else took it.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<Assistance.Handling.AssistanceItem>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/assistance/{requestId:guid}/closure", Assistance.Handling.HandleAssistanceEndpoints.Close).WithName("CloseKioskAssistance")
            .WithSummary("Help is over: waiting and handling times are recorded and the assistant is free again (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<Assistance.Handling.AssistanceItem>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{kioskId}/sessions/{sessionId:guid}/assistant", Assistance.Handling.HandleAssistanceEndpoints.Join).WithName("JoinKioskSessionAsAssistant")
            .WithSummary("A member of staff on site joins the open session as its assistant; the session records it (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{kioskId}/help-requests/{requestId:guid}", Assistance.Requesting.RequestHelpEndpoint.Get).WithName("GetKioskHelpRequest")
            .WithSummary("The kiosk's help request: waiting or accepted, and the video room to join once a remote one is accepted (the kiosk itself).")
            .RequireAuthorization(OmnichannelRoles.KioskPolicy)
            .Produces<Assistance.Requesting.HelpRequest>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/usage", Usage.KioskUsageEndpoint.Handle).WithName("GetKioskUsage")
            .WithSummary("Usage of the self-service points between two local dates (default: this year): sessions, identified, assisted and actions per month, office "
                + "and kiosk, products by kind, and with compareAt the sessions per day before and after that date and their ratio (staff).")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy).Produces<Usage.KioskUsage>();

        var sessions = api.MapGroup("/{kioskId}/sessions").WithTags("Kiosk sessions").RequireAuthorization(OmnichannelRoles.KioskPolicy);
        sessions.MapPost("/", Sessions.Starting.StartSessionEndpoint.Handle).WithName("StartKioskSession")
            .WithSummary("Starts a private session, anonymous or for an identified citizen (the kiosk itself). A 409 while a session is open, "
                + "a wipe waits for acknowledgement, or the kiosk is out of service.")
            .Validate<Sessions.Starting.StartSessionRequest>()
            .Produces<Sessions.Starting.StartedSession>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/state", Sessions.AcknowledgingWipes.PrivacyStateEndpoint.Handle).WithName("GetKioskPrivacyState")
            .WithSummary("The open session, the wipe to do and acknowledge (also after an idle timeout), and whether the kiosk is out of service (the kiosk itself).")
            .Produces<Sessions.PrivacyState>();
        sessions.MapPost("/{sessionId:guid}/actions", Sessions.RecordingActions.RecordActionEndpoint.Handle).WithName("RecordKioskSessionAction")
            .WithSummary("Records what the citizen did in the open session, by kind and code (the kiosk itself).")
            .Validate<Sessions.RecordingActions.RecordActionRequest>()
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/tickets", Sessions.TakingTickets.TakeTicketEndpoint.Handle).WithName("TakeTicketAtKiosk")
            .WithSummary("Takes a walk-in ticket for the citizen's need at the kiosk's own office, recorded in the session (the kiosk itself). "
                + "A 409 with reason needs-appointment, wait-too-long or office-closed when no walk-in ticket is given.")
            .Validate<Sessions.TakingTickets.TakeTicketRequest>()
            .Produces<Sessions.TakingTickets.TakenTicket>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/appointments", Sessions.BookingAppointments.BookAppointmentEndpoint.Handle).WithName("BookAppointmentAtKiosk")
            .WithSummary("Books an appointment at the kiosk's own office for the identified citizen of the session, recorded in it (the kiosk itself). "
                + "A 409 in an anonymous session or for a slot no longer free.")
            .Validate<Sessions.BookingAppointments.BookAppointmentRequest>()
            .Produces<Sessions.BookingAppointments.BookedAppointment>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/identification", Sessions.Identifying.IdentifyCitizenEndpoint.Handle).WithName("IdentifyKioskCitizen")
            .WithSummary("The citizen of the open session says who they are: the DNI or NIE their ID card gave (or they typed), in the body; the citizens service "
                + "says whose it is and the session is theirs from now on (only their id is kept). 400 naming nationalId for a typo, 404 when nobody has it on record, "
                + "409 when the session is another citizen's (the kiosk itself).")
            .Validate<Sessions.Identifying.IdentifyRequest>()
            .Produces<Sessions.Identifying.IdentifiedSession>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/registration", Sessions.Registering.RegisterAtKioskEndpoint.Handle).WithName("RegisterCitizenAtKiosk")
            .WithSummary("A person the citizens service does not know registers in the open anonymous session with the minimum, all in the body: name, the DNI "
                + "or NIE, optionally a phone or an e-mail for notices, and their consent; registered through the kiosk channel by the kiosks service itself, and the "
                + "session is theirs from now on (the kiosk itself). 400 naming the field (a phone or e-mail another citizen has is refused as that field, without "
                + "saying whose), 409 when the DNI/NIE is already registered (nothing changed) or the session is not open or already someone's.")
            .Validate<Sessions.Registering.RegisterAtKioskRequest>()
            .Produces<Sessions.Identifying.IdentifiedSession>().ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/appointment-moves", Sessions.ChangingAppointments.ChangeAppointmentEndpoints.Move).WithName("MoveAppointmentAtKiosk")
            .WithSummary("Moves an appointment, by the code the citizen typed (in the body), to another free slot of its office and procedure, recorded in the session "
                + "(the kiosk itself). 400 naming code for a typo, 404 for a code nobody was given, 409 for a slot no longer free or an appointment that cannot move.")
            .Validate<Sessions.ChangingAppointments.MoveAppointmentRequest>()
            .Produces<Sessions.BookingAppointments.BookedAppointment>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/appointment-cancellations", Sessions.ChangingAppointments.ChangeAppointmentEndpoints.Cancel).WithName("CancelAppointmentAtKiosk")
            .WithSummary("Cancels an appointment by the code the citizen typed (in the body), recorded in the session (the kiosk itself). 400 naming code for a typo, "
                + "404 for a code nobody was given, 409 for one that can no longer be cancelled.")
            .Validate<Sessions.ChangingAppointments.CancelAppointmentRequest>()
            .Produces<Sessions.BookingAppointments.BookedAppointment>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/help-requests", Assistance.Requesting.RequestHelpEndpoint.Handle).WithName("RequestKioskHelp")
            .WithSummary("\"I want help\": on site calls the free assistant of the kiosk's office (else it waits in the office's queue); remote goes to the staff "
                + "assistance queue (a kiosk with camera, speaker and microphone). 409 while help is already asked for (the kiosk itself).")
            .Validate<Assistance.Requesting.RequestHelpRequest>()
            .Produces<Assistance.Requesting.HelpRequest>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/lookups", Sessions.LookingUpCodes.LookUpCodeEndpoint.Handle).WithName("LookUpCodeAtKiosk")
            .WithSummary("Where a case, an appointment or an incident stands, by the code the citizen typed in the open session (case, spaces, hyphens and "
                + "look-alikes forgiven): the public view of its own service, never the citizen (the kiosk itself). A typo is a 400 naming code.")
            .Validate<Sessions.LookingUpCodes.LookUpCodeRequest>()
            .Produces<Sessions.LookingUpCodes.CodeStatus>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/{sessionId:guid}/notifications", Sessions.ReadingNotifications.ReadNotificationsEndpoints.List).WithName("ListKioskCitizenNotifications")
            .WithSummary("The official notifications of the citizen identified in the open session, newest first: title, case, when issued and when first "
                + "accessed (the kiosk itself). 409 in an anonymous session.")
            .Produces<Sessions.ReadingNotifications.KioskNotifications>().ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/notifications/{notificationId:guid}/access", Sessions.ReadingNotifications.ReadNotificationsEndpoints.Open).WithName("OpenKioskCitizenNotification")
            .WithSummary("Opens one of the identified citizen's notifications: its text, its first access recorded by procedures with channel kiosk (its legal "
                + "delivery; a later opening records nothing new), recorded in the session (the kiosk itself). 404 for a notification not theirs, 409 in an anonymous session.")
            .Produces<Sessions.ReadingNotifications.KioskNotification>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/end", Sessions.Ending.EndSessionEndpoint.Handle).WithName("EndKioskSession")
            .WithSummary("Ends the session; answers the wipe the kiosk must do and acknowledge (the kiosk itself).")
            .Produces<Sessions.Ending.WipeInstruction>().ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{sessionId:guid}/wipe-acknowledgement", Sessions.AcknowledgingWipes.AcknowledgeWipeEndpoint.Handle).WithName("AcknowledgeKioskWipe")
            .WithSummary("The kiosk wiped everything of the session; a kiosk taken out of service for a late acknowledgement is back in service (the kiosk itself).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
