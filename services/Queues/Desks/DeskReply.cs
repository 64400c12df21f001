using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Queues.Desks;

/// <summary>What every desk action answers: the desk as it now is, with its ticket and the day's version, and the
/// citizen the ticket was issued to when known (staff only: the console shows their history beside the ticket).</summary>
public sealed record DeskReply(string DeskId, bool Open, IReadOnlyList<string> Lines, string? Current, string? Line, int? Call, long Version, Guid? CitizenId = null)
{
    public static IResult Of(string deskId, StreamAppends.Decided<OfficeDay> result)
    {
        var desk = result.State.Desks[deskId];
        var current = desk.Current is { } number ? result.State.Tickets[number] : null;
        return TypedResults.Ok(new DeskReply(deskId, desk.Open, desk.Lines, desk.Current, current?.Line, current?.Calls, result.Version, current?.CitizenId));
    }
}
