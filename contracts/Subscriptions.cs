using Omnichannel.Contracts.V1;

namespace Omnichannel.Contracts;

/// <summary>A service's queue and one integration event it consumes from it.</summary>
public sealed record Subscription(string Queue, Type Event);

/// <summary>
/// Which service queue consumes which integration events: the one description of the platform's message routes.
/// Every service declares, before its first publish of an event, the queues listed for it here and binds them, so an
/// event published before its consumer has ever started waits in that consumer's queue instead of reaching nobody
/// (services/BuildingBlocks/Messaging/BusSetup.cs). Queue names are the consumers' endpoint names
/// ("&lt;service&gt;-&lt;consumer&gt;"); tests/Omnichannel.EndToEnd.Tests/SubscriptionListTests.cs fails, naming the line,
/// when a service registers a consumer that is missing here or a line here has no consumer.
/// Not here: <see cref="StaffAccountDisabled"/> and <see cref="StaffAccountEnabled"/>, which every instance of every
/// service hears on a queue of its own that goes with it (services/BuildingBlocks/Auth/StaffAccessWithdrawals.cs,
/// wired once in BusSetup, so no service can miss them); what an instance missed it reads at start.
/// </summary>
public static class Subscriptions
{
    public static readonly IReadOnlyList<Subscription> All =
    [
        // citizens: a history line per event (services/Citizens/History/HistoryLines.cs), and the office names lines show
        new("citizens-case-submitted", typeof(CaseSubmitted)),
        new("citizens-case-status-changed", typeof(CaseStatusChanged)),
        new("citizens-notification-issued", typeof(NotificationIssued)),
        new("citizens-notification-accessed", typeof(NotificationAccessed)),
        new("citizens-appointment-booked", typeof(AppointmentBooked)),
        new("citizens-appointment-cancelled", typeof(AppointmentCancelled)),
        new("citizens-appointment-rescheduled", typeof(AppointmentRescheduled)),
        new("citizens-appointment-moved-by-closure", typeof(AppointmentMovedByClosure)),
        new("citizens-appointment-cancelled-by-closure", typeof(AppointmentCancelledByClosure)),
        new("citizens-citizen-checked-in", typeof(CitizenCheckedIn)),
        new("citizens-appointment-missed", typeof(AppointmentMissed)),
        new("citizens-appointment-completed", typeof(AppointmentCompleted)),
        new("citizens-appointment-reminder-due", typeof(AppointmentReminderDue)),
        new("citizens-callback-requested", typeof(CallbackRequested)),
        new("citizens-callback-completed", typeof(CallbackCompleted)),
        new("citizens-ticket-issued", typeof(TicketIssued)),
        new("citizens-ticket-called", typeof(TicketCalled)),
        new("citizens-ticket-served", typeof(TicketServed)),
        new("citizens-ticket-transferred", typeof(TicketTransferred)),
        new("citizens-ticket-missed", typeof(TicketMissed)),
        new("citizens-ticket-holder-is-next", typeof(TicketHolderIsNext)),
        new("citizens-incident-reported", typeof(IncidentReported)),
        new("citizens-incident-progressed", typeof(IncidentProgressed)),
        new("citizens-incident-rated", typeof(IncidentRated)),
        new("citizens-kiosk-session-ended", typeof(KioskSessionEnded)),
        new("citizens-chat-conversation-started", typeof(ChatConversationStarted)),
        new("citizens-chat-handed-over", typeof(ChatHandedOver)),
        new("citizens-chat-handover-closed", typeof(ChatHandoverClosed)),
        new("citizens-chat-notice-delivery", typeof(ChatNoticeDelivery)),
        new("citizens-chat-topic-joined", typeof(ChatTopicJoined)),
        new("citizens-chat-topic-left", typeof(ChatTopicLeft)),
        new("citizens-chat-opted-out", typeof(ChatOptedOut)),
        new("citizens-citizen-consent-given", typeof(CitizenConsentGiven)),
        new("citizens-citizen-consent-withdrawn", typeof(CitizenConsentWithdrawn)),
        new("citizens-office-registered", typeof(OfficeRegistered)),
        new("citizens-office-changed", typeof(OfficeChanged)),
        new("citizens-office-closed-for-day", typeof(OfficeClosedForDay)),
        // data rights (docs/data-rights.md): every service that holds citizens' data erases on request and confirms
        new("procedures-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("citizens-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("appointments-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("queues-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("incidents-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("kiosks-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("messaging-citizen-erasure-requested", typeof(CitizenErasureRequested)),
        new("citizens-citizen-data-erased", typeof(CitizenDataErased)),
        // appointments: the citizens it may book for, and the directory asked for again by a copy (its catch-up)
        new("appointments-citizen-registered", typeof(CitizenRegistered)),
        new("appointments-office-directory-requested", typeof(OfficeDirectoryRequested)),
        // queues: check-ins onto the appointment line, and its view of the office directory
        new("queues-citizen-checked-in", typeof(CitizenCheckedIn)),
        new("queues-office-registered", typeof(OfficeRegistered)),
        new("queues-office-changed", typeof(OfficeChanged)),
        new("queues-office-closed-for-day", typeof(OfficeClosedForDay)),
        // kiosks: its view of the office directory (kiosks are enrolled at its offices; opening hours for the offline watch)
        new("kiosks-office-registered", typeof(OfficeRegistered)),
        new("kiosks-office-changed", typeof(OfficeChanged)),
        new("kiosks-office-closed-for-day", typeof(OfficeClosedForDay)),
        // messaging: notices told on the citizen's channel (chat, SMS, e-mail, with fallback)
        new("messaging-appointment-reminder-notice", typeof(AppointmentReminderDue)),
        new("messaging-appointment-moved-by-closure-notice", typeof(AppointmentMovedByClosure)),
        new("messaging-appointment-cancelled-by-closure-notice", typeof(AppointmentCancelledByClosure)),
        new("messaging-ticket-holder-is-next-notice", typeof(TicketHolderIsNext)),
        new("messaging-incident-progressed-notice", typeof(IncidentProgressed)),
        new("messaging-case-status-changed-notice", typeof(CaseStatusChanged)),
        new("messaging-notification-issued-notice", typeof(NotificationIssued)),
        new("messaging-waiting-list-place-freed-notice", typeof(WaitingListPlaceFreed)),
        // messaging: a complaint's incident code back to the chat it came from
        new("messaging-complaint-filed-notice", typeof(IncidentReported)),
        // messaging: a chat complaint's photos fetched from the provider into the incident's attachments
        new("messaging-complaint-photo-attachments", typeof(IncidentReported)),
        // messaging: who had a case of which procedure, for proactive campaigns ("pop-up service")
        new("messaging-case-submitted-audience", typeof(CaseSubmitted)),
        // incidents: complaints sent through a chat with a photo or a location
        new("incidents-chat-complaint-report", typeof(ChatComplaintSubmitted)),
    ];
}
