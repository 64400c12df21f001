using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts.V1;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Procedures;
using Omnichannel.Queues.Tickets.Issuing;

namespace Omnichannel.Queues.AppointmentLine;

/// <summary>A citizen checked in for an appointment: they join the office's appointment line for the day of the
/// appointment, to be called at its time before walk-ins. The ticket and the processed-message mark are saved
/// together at the day's version read; a desk appending meanwhile makes the save fail and the message is retried.</summary>
public sealed class CitizenCheckedInConsumer(IDocumentStore store, OfficeDays days, ProcedureAttention attention) : IdempotentConsumer<CitizenCheckedIn>(store)
{
    protected override async Task HandleAsync(ConsumeContext<CitizenCheckedIn> context, IDocumentSession session)
    {
        var e = context.Message;
        var ct = context.CancellationToken;
        var office = await days.OfficeAsync(session, e.OfficeId, ct);
        var minutes = Math.Max(1, (int)Math.Round((e.EndsAt - e.StartsAt).TotalMinutes));
        try { minutes = await attention.MinutesOf(e.ProcedureCode, "procedureCode", ct); }
        catch (BuildingBlocks.Domain.Rejection) { } // unknown to the catalogue: the appointment's own length will do

        var day = days.DayOf(e.StartsAt);
        var key = OfficeDay.StreamKey(e.OfficeId, day);
        var (state, version) = await days.Streams.LoadAsync(session, key, ct);
        // A stable ticket id per appointment: a retried message issues the same ticket.
        var command = new PlaceAppointment(e.AppointmentId, e.OfficeId, day, e.ProcedureCode, minutes, e.CitizenId, e.Channel,
            e.AppointmentId, e.StartsAt, e.OccurredAt);
        var events = IssueTicketDecision.Decide(command, state, office);
        if (events.Count > 0) HotStreams<OfficeDay>.Stage(session, key, version, events);
    }
}
