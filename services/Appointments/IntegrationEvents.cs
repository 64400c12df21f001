using JasperFx.Events;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Callbacks;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Appointments;

/// <summary>Which of the appointments service's events other services hear about: appointments, callbacks and the office
/// directory (appointments owns offices). Holds, slot and agenda bookkeeping and procedures served stay inside.</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/appointments";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        AppointmentBooked e => new V1.AppointmentBooked(stored.TenantId, e.At, e.Ref.CitizenId, e.Channel, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId, e.StartsAt, e.EndsAt),
        AppointmentCancelled e => new V1.AppointmentCancelled(stored.TenantId, e.At, e.Ref.CitizenId, e.Channel, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId, e.StartsAt, e.Reason),
        AppointmentRescheduled e => new V1.AppointmentRescheduled(stored.TenantId, e.At, e.Ref.CitizenId, e.Channel, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId, e.PreviousStartsAt, e.StartsAt, e.EndsAt, e.Sequence),
        AppointmentCheckedIn e => new V1.CitizenCheckedIn(stored.TenantId, e.At, e.Ref.CitizenId, e.Channel, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId, e.StartsAt, e.EndsAt),
        AppointmentMissed e => new V1.AppointmentMissed(stored.TenantId, e.At, e.Ref.CitizenId, null, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId, e.StartsAt),
        AppointmentCompleted e => new V1.AppointmentCompleted(stored.TenantId, e.At, e.Ref.CitizenId, Channels.Appointment, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId),
        AppointmentReminderDue e => new V1.AppointmentReminderDue(stored.TenantId, e.At, e.Ref.CitizenId, null, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode, e.Ref.OfficeId, e.OfficeAddress, e.StartsAt, e.Language, e.PreferredChannel),
        AppointmentMovedByClosure e => new V1.AppointmentMovedByClosure(stored.TenantId, e.At, e.Ref.CitizenId, null, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode,
            e.PreviousOfficeId, e.Ref.OfficeId, e.OfficeAddress, e.PreviousStartsAt, e.StartsAt, e.EndsAt, e.Sequence, e.ClosedOn, e.Reason, e.Language, e.PreferredChannel),
        AppointmentCancelledByClosure e => new V1.AppointmentCancelledByClosure(stored.TenantId, e.At, e.Ref.CitizenId, null, e.Ref.AppointmentId, e.Ref.Code, e.Ref.ProcedureCode,
            e.Ref.OfficeId, e.StartsAt, e.ClosedOn, e.Reason, e.Language, e.PreferredChannel),
        WaitingList.WaitingCitizenTold e => new V1.WaitingListPlaceFreed(stored.TenantId, e.At, e.CitizenId, null, e.ProcedureCode, e.OfficeId, e.StartsAt, e.Language, e.PreferredChannel),
        CallbackRequested e => new V1.CallbackRequested(stored.TenantId, e.At, e.CitizenId, e.Channel, e.CallbackId, e.CallAt, e.ProcedureCode, e.Topic),
        CallbackCompleted e => new V1.CallbackCompleted(stored.TenantId, e.At, e.CitizenId, Channels.Phone, e.CallbackId, e.Outcome, e.Note),
        // The office directory: queues (and the kiosk fleet) keep their view of offices from these.
        OfficeRegistered e => new V1.OfficeRegistered(stored.TenantId, e.At, null, null, e.OfficeId, e.Name, e.Address, e.Calendar, e.Desks),
        OfficeChanged e => new V1.OfficeChanged(stored.TenantId, e.At, null, null, e.OfficeId, e.Name, e.Address, e.Calendar, e.Desks),
        OfficeClosureDeclared e => new V1.OfficeClosedForDay(stored.TenantId, e.At, null, null, e.OfficeId, e.Date, e.Reason),
        _ => null,
    };
}
