using Marten;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Tickets.Reading;

public static class GetTicketEndpoint
{
    public static async Task<IResult> Handle(string officeId, string number, OfficeDays days, IQuerySession session, DateOnly? day, HttpContext http, CancellationToken ct)
    {
        var date = day ?? days.Today;
        var (state, version) = await days.LoadAsync(session, officeId, date, ct);
        if (version == 0) throw Rejection.NotFound($"Office '{officeId}' has no tickets on {date:yyyy-MM-dd}.");
        var ticket = state.Ticket(number);
        http.ReadsCitizen(ticket.CitizenId);
        return TypedResults.Ok(TicketReply.Of(state, ticket, date, officeId, days.Now));
    }
}
