using Marten;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Notices;

// The notices other services ask for, one consumer each (its queue is in contracts/Subscriptions.cs).

/// <summary>An appointment reminder (appointments' <see cref="V1.AppointmentReminderDue"/>).</summary>
public sealed class AppointmentReminderNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.AppointmentReminderDue>(store, requests)
{
    protected override string Kind => "appointment-reminder";
    protected override string? PreferredChannel(V1.AppointmentReminderDue e) => e.PreferredChannel;
    protected override string? Language(V1.AppointmentReminderDue e) => e.Language;
    protected override NoticeText? Compose(V1.AppointmentReminderDue e, string language) =>
        NoticeTexts.ReminderNotice(language, e.AppointmentCode, e.StartsAt, e.OfficeAddress);
}

/// <summary>An appointment moved because its office closed that day.</summary>
public sealed class AppointmentMovedByClosureNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.AppointmentMovedByClosure>(store, requests)
{
    protected override string Kind => "appointment-moved-by-closure";
    protected override string? PreferredChannel(V1.AppointmentMovedByClosure e) => e.PreferredChannel;
    protected override string? Language(V1.AppointmentMovedByClosure e) => e.Language;
    protected override NoticeText? Compose(V1.AppointmentMovedByClosure e, string language) =>
        NoticeTexts.MovedByClosure(language, e.AppointmentCode, e.ClosedOn, e.ClosureReason, e.StartsAt, e.OfficeAddress);
}

/// <summary>An appointment cancelled because its office closed and no other slot was free.</summary>
public sealed class AppointmentCancelledByClosureNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.AppointmentCancelledByClosure>(store, requests)
{
    protected override string Kind => "appointment-cancelled-by-closure";
    protected override string? PreferredChannel(V1.AppointmentCancelledByClosure e) => e.PreferredChannel;
    protected override string? Language(V1.AppointmentCancelledByClosure e) => e.Language;
    protected override NoticeText? Compose(V1.AppointmentCancelledByClosure e, string language) =>
        NoticeTexts.CancelledByClosure(language, e.AppointmentCode, e.ClosedOn, e.ClosureReason);
}

/// <summary>A place freed up for a procedure the citizen waits for at an office (appointments' waiting list), named as
/// the catalogue names it in the citizen's language.</summary>
public sealed class WaitingListPlaceFreedNotice(IDocumentStore store, NoticeRequests requests, ProcedureCatalogueClient catalogue,
    ILogger<WaitingListPlaceFreedNotice> logger) : NoticeConsumer<V1.WaitingListPlaceFreed>(store, requests)
{
    protected override string Kind => "waiting-list-place-freed";
    protected override string? PreferredChannel(V1.WaitingListPlaceFreed e) => e.PreferredChannel;
    protected override string? Language(V1.WaitingListPlaceFreed e) => e.Language;
    protected override NoticeText? Compose(V1.WaitingListPlaceFreed e, string language) => NoticeTexts.PlaceFreed(language, e.ProcedureCode, e.StartsAt);

    protected override async Task<Func<string, NoticeText?>> ComposerAsync(V1.WaitingListPlaceFreed e, CancellationToken ct)
    {
        LocalizedText? name = null;
        try
        {
            name = (await catalogue.FindAsync(e.ProcedureCode, ct))?.Name;
        }
        catch (NeighbourUnavailable)
        {
            // The first to ask gets the place: the notice goes now, naming the procedure by its code, rather than late.
            logger.LogWarning("The catalogue could not name procedure {Procedure} for a waiting-list notice", e.ProcedureCode);
        }
        return language => NoticeTexts.PlaceFreed(language, name?.In(language) is { Length: > 0 } n ? n : e.ProcedureCode, e.StartsAt);
    }
}

/// <summary>"You are next" for a virtual ticket, on the channel the ticket came from first.</summary>
public sealed class TicketHolderIsNextNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.TicketHolderIsNext>(store, requests)
{
    protected override string Kind => "ticket-holder-is-next";
    protected override string? PreferredChannel(V1.TicketHolderIsNext e) => e.Channel;
    protected override NoticeText? Compose(V1.TicketHolderIsNext e, string language) => NoticeTexts.YouAreNext(language, e.Number);
}

/// <summary>An incident's answer, question or resolution (the steps that tell the citizen something).</summary>
public sealed class IncidentProgressedNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.IncidentProgressed>(store, requests)
{
    protected override string Kind => "incident-progressed";
    protected override string? PreferredChannel(V1.IncidentProgressed e) => e.Channel;
    protected override NoticeText? Compose(V1.IncidentProgressed e, string language) => NoticeTexts.IncidentStep(language, e.IncidentCode, e.Step, e.Message);
}

/// <summary>A case's new status (procedures' <see cref="V1.CaseStatusChanged"/>).</summary>
public sealed class CaseStatusChangedNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.CaseStatusChanged>(store, requests)
{
    protected override string Kind => "case-status-changed";
    protected override NoticeText? Compose(V1.CaseStatusChanged e, string language) => NoticeTexts.CaseStatus(language, e.TrackingCode, e.Status);
}

/// <summary>An official notification put at the citizen's disposal (procedures' <see cref="V1.NotificationIssued"/>): the
/// notice only says there is one and where to read it (Ley 39/2015, art. 41.6: the notice is not the notification), in
/// the language the notification is written in.</summary>
public sealed class NotificationIssuedNotice(IDocumentStore store, NoticeRequests requests) : NoticeConsumer<V1.NotificationIssued>(store, requests)
{
    protected override string Kind => "notification-issued";
    protected override string? Language(V1.NotificationIssued e) => e.Language;
    protected override NoticeText? Compose(V1.NotificationIssued e, string language) => NoticeTexts.NotificationIssued(language, e.TrackingCode);
}
