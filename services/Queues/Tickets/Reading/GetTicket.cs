using Marten;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Tickets.Reading;

public static class GetTicketEndpoint
{
    public static async Task<IResult> Handle(string officeId, string number, OfficeDays days, IQuerySession session, DateOnly? day, CancellationToken ct)
    {
        var date = day ?? days.Today;
        var (state, version) = await days.LoadAsync(session, officeId, date, ct);
        if (version == 0) throw Rejection.NotFound($"Office '{officeId}' has no tickets on {date:yyyy-MM-dd}.");
        return TypedResults.Ok(TicketReply.Of(state, state.Ticket(number), date, officeId, days.Now));
    }
}
