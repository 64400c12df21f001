using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Invitations;

/// <summary>The appointment as an iCalendar (RFC 5545) invitation: REQUEST, or CANCEL once cancelled.</summary>
public static class GetInvitationEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, IQuerySession session, ProcedureDurations procedures, IBusinessCalendars calendars,
        IOptions<InvitationOrganizer> organizer, CancellationToken ct)
    {
        var view = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(appointmentId), ct) ?? throw Rejection.NotFound("There is no such appointment.");
        var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(view.OfficeId), ct);
        var procedure = await procedures.GetAsync(view.ProcedureCode, ct);
        var text = AppointmentInvitation.Write(view, office, procedure.Name.Ca, calendars.For("on-site").TimeZone, organizer.Value.For(RequestContext.TenantId));
        return TypedResults.Text(text, AppointmentInvitation.ContentType);
    }
}
