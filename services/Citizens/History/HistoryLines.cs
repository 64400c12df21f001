using Omnichannel.Contracts;
using Omnichannel.Contracts.V1;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Citizens.History;

/// <summary>
/// Every integration event that joins a citizen's history, declared once: its kind, its wording (from the
/// <c>*Texts</c> classes), the reference the citizen knows it by and, when the step happens at the office, the
/// channel. Grouped by the service that publishes it; that group's name labels the line only when a message
/// comes without its CloudEvents source. A contract event that names no citizen, or that this service keeps
/// otherwise, is listed in <see cref="Excluded"/> with the reason; the coverage test fails for any other.
/// </summary>
public static class HistoryLines
{
    public static readonly IReadOnlyList<HistoryLine> All =
    [
        .. From("procedures",
            Line<CaseSubmitted>("case-submitted", e => e.TrackingCode,
                async (e, names, ct) => CaseTexts.Submitted(await names.Procedure(e.ProcedureCode, ct), e.TrackingCode)),
            Line<CaseStatusChanged>("case-status-changed", e => e.TrackingCode,
                async (e, names, ct) => CaseTexts.StatusChanged(await names.Procedure(e.ProcedureCode, ct), e.Status, e.Note)),
            Line<NotificationIssued>("notification-issued", e => e.TrackingCode,
                async (e, names, ct) => CaseTexts.NotificationIssued(await names.Procedure(e.ProcedureCode, ct), e.TrackingCode)),
            Line<NotificationAccessed>("notification-accessed", e => e.TrackingCode,
                async (e, names, ct) => CaseTexts.NotificationAccessed(await names.Procedure(e.ProcedureCode, ct), e.Channel))),

        .. From("appointments",
            Line<AppointmentBooked>("appointment-booked", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.Booked(await names.Procedure(e.ProcedureCode, ct), e.StartsAt, await names.Office(e.OfficeId, ct), e.AppointmentCode)),
            Line<AppointmentCancelled>("appointment-cancelled", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.Cancelled(await names.Procedure(e.ProcedureCode, ct), e.StartsAt, await names.Office(e.OfficeId, ct), e.Reason)),
            Line<AppointmentRescheduled>("appointment-rescheduled", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.Rescheduled(await names.Procedure(e.ProcedureCode, ct), e.PreviousStartsAt, e.StartsAt, await names.Office(e.OfficeId, ct))),
            Line<AppointmentMovedByClosure>("appointment-moved-by-closure", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.MovedByClosure(await names.Procedure(e.ProcedureCode, ct), e.ClosedOn, e.StartsAt, e.OfficeAddress,
                    e.OfficeId != e.PreviousOfficeId ? await names.Office(e.OfficeId, ct) : null, e.ClosureReason)),
            Line<AppointmentCancelledByClosure>("appointment-cancelled-by-closure", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.CancelledByClosure(await names.Procedure(e.ProcedureCode, ct), e.ClosedOn, e.StartsAt, e.ClosureReason)),
            Line<CitizenCheckedIn>("appointment-checked-in", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.CheckedIn(await names.Procedure(e.ProcedureCode, ct), await names.Office(e.OfficeId, ct))),
            Line<AppointmentMissed>("appointment-missed", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.Missed(await names.Procedure(e.ProcedureCode, ct), e.StartsAt, await names.Office(e.OfficeId, ct))),
            Line<AppointmentCompleted>("appointment-completed", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.Completed(await names.Procedure(e.ProcedureCode, ct))),
            Line<AppointmentReminderDue>("appointment-reminder", e => e.AppointmentCode,
                async (e, names, ct) => AppointmentTexts.Reminded(await names.Procedure(e.ProcedureCode, ct), e.StartsAt)),
            Line<CallbackRequested>("callback-requested", _ => null,
                e => AppointmentTexts.CallbackRequested(e.CallAt, e.Topic)),
            Line<CallbackCompleted>("callback-completed", _ => null,
                e => AppointmentTexts.CallbackCompleted(e.Outcome)).KindBy(e => "callback-" + e.Outcome)),

        .. From("queues",
            Line<TicketIssued>("ticket-issued", e => e.Number,
                async (e, names, ct) => QueueTexts.Issued(await names.Procedure(e.ProcedureCode, ct), e.Number, e.Line, e.ExpectedWaitMinutes)),
            Line<TicketCalled>("ticket-called", e => e.Number,
                e => QueueTexts.Called(e.Number, e.DeskId, e.Call), channel: Channels.OnSite),
            Line<TicketServed>("ticket-served", e => e.Number,
                async (e, names, ct) => QueueTexts.Served(await names.Procedure(e.ProcedureCode, ct), e.Number, e.ServiceMinutes), channel: Channels.OnSite),
            Line<TicketTransferred>("ticket-transferred", e => e.Number,
                e => QueueTexts.Transferred(e.Number, e.ToLine, e.ToDeskId), channel: Channels.OnSite),
            Line<TicketMissed>("ticket-missed", e => e.Number,
                e => QueueTexts.Missed(e.Number, e.Calls), channel: Channels.OnSite),
            Line<TicketHolderIsNext>("ticket-next", e => e.Number,
                e => QueueTexts.IsNext(e.Number))),

        .. From("incidents",
            Line<IncidentReported>("incident-reported", e => e.IncidentCode,
                async (e, names, ct) => IncidentTexts.Reported(e.Kind, e.ProcedureCode is null ? null : await names.Procedure(e.ProcedureCode, ct), e.IncidentCode)),
            Line<IncidentProgressed>("incident-progressed", e => e.IncidentCode,
                e => IncidentTexts.Progressed(e.Step, e.IncidentCode, e.Message)).KindBy(e => "incident-" + e.Step),
            Line<IncidentRated>("incident-rated", e => e.IncidentCode,
                e => IncidentTexts.Rated(e.IncidentCode, e.Rating))),
        .. From("messaging",
            Line<ChatConversationStarted>("chat-started", _ => null, e => ChatTexts.Started(e.Channel)),
            Line<ChatHandedOver>("chat-handed-over", _ => null, e => ChatTexts.HandedOver(e.Channel, e.Reason)),
            Line<ChatHandoverClosed>("chat-handover-closed", _ => null, e => ChatTexts.HandoverClosed(e.Channel, e.Answered)),
            Line<ChatNoticeDelivery>("notice-sent", _ => null, e => ChatNoticeTexts.Delivery(e.Notice, e.Status, e.Channel, e.FallbackFrom))
                .KindBy(e => "notice-" + e.Status),
            Line<ChatTopicJoined>("chat-topic-joined", e => e.Topic, e => ChatNoticeTexts.TopicJoined(e.Channel, e.Topic, e.TopicNames)),
            Line<ChatTopicLeft>("chat-topic-left", e => e.Topic, e => ChatNoticeTexts.TopicLeft(e.Channel, e.Topic, e.TopicNames)),
            Line<ChatOptedOut>("chat-opted-out", _ => null, e => ChatNoticeTexts.OptedOut(e.Channel, e.Topics, e.TopicNames))),
        .. From("citizens",
            Line<CitizenConsentGiven>("consent-given", e => e.TextVersion, e => ConsentHistoryTexts.Given(e.Purpose, e.TextVersion, e.Language)),
            Line<CitizenConsentWithdrawn>("consent-withdrawn", _ => null, e => ConsentHistoryTexts.Withdrawn(e.Purpose))),
        .. From("kiosks",
            Line<KioskSessionEnded>("kiosk-session", _ => null,
                async (e, names, ct) => KioskTexts.Session(await names.Office(e.OfficeId, ct), e.Actions, e.Ending == "idle-timeout"), channel: Channels.Kiosk)),
    ];

    /// <summary>Contract events that are not history lines, and why.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Excluded = new Dictionary<Type, string>
    {
        [typeof(V1.CitizenRegistered)] = "The citizens service's own event: the profile is where registration shows.",
        [typeof(V1.ChannelIdentityLinked)] = "The citizens service's own event: the profile lists the linked channels.",
        [typeof(ProcedurePublished)] = "The catalogue's: names no citizen.",
        [typeof(ProcedureWithdrawn)] = "The catalogue's: names no citizen.",
        [typeof(OfficeRegistered)] = "The office directory's: names no citizen; kept as the office names the lines show (OfficeNames).",
        [typeof(OfficeChanged)] = "The office directory's: names no citizen; kept as the office names the lines show (OfficeNames).",
        [typeof(IncidentSlaBreached)] = "A staff alert (the council's lateness), naming no citizen; the citizen's history shows the incident's steps.",
        [typeof(KioskPeripheralFaulted)] = "The kiosk fleet's health, for operations: names no citizen.",
        [typeof(KioskPeripheralRecovered)] = "The kiosk fleet's health, for operations: names no citizen.",
        [typeof(KioskWentOffline)] = "The kiosk fleet's health, for operations: names no citizen.",
        [typeof(KioskBackOnline)] = "The kiosk fleet's health, for operations: names no citizen.",
        [typeof(ChatComplaintSubmitted)] = "A chat complaint becomes an incident: the incident's own IncidentReported line tells it, with its code.",
        [typeof(WaitingListPlaceFreed)] = "A notice that a place is free (first come, first served): the booking the citizen then makes is the line in their history.",
        [typeof(CitizenErasureRequested)] = "Data rights: the erasure itself blanks the history; the request is followed at /api/citizens/{id}/erasure.",
        [typeof(CitizenDataErased)] = "Data rights: a service's confirmation of an erasure, shown on the erasure request, not in the history it blanked.",
        [typeof(OfficeClosedForDay)] = "The office directory's: names no citizen; a citizen hears of a closure through AppointmentMovedByClosure or AppointmentCancelledByClosure.",
        [typeof(StaffAccountDisabled)] = "Staff accounts' access, for token validation: names no citizen.",
        [typeof(StaffAccountEnabled)] = "Staff accounts' access, for token validation: names no citizen.",
    };

    private static readonly Dictionary<Type, HistoryLine> ByType = All.ToDictionary(l => l.EventType);

    /// <summary>The declared line of <typeparamref name="T"/>.</summary>
    public static HistoryLine<T> Of<T>() where T : IIntegrationEvent =>
        ByType.TryGetValue(typeof(T), out var line) ? (HistoryLine<T>)line : throw new InvalidOperationException($"{typeof(T).Name} has no history line.");

    private static HistoryLine[] From(string service, params HistoryLine[] lines)
    {
        foreach (var line in lines) line.Service = service;
        return lines;
    }

    private static HistoryLine<T> Line<T>(string kind, Func<T, string?> reference,
        Func<T, HistoryNames, CancellationToken, Task<LocalizedText>> text, string? channel = null) where T : IIntegrationEvent =>
        new(_ => kind, reference, text, channel);

    private static HistoryLine<T> Line<T>(string kind, Func<T, string?> reference, Func<T, LocalizedText> text, string? channel = null)
        where T : IIntegrationEvent =>
        new(_ => kind, reference, (e, _, _) => Task.FromResult(text(e)), channel);
}
