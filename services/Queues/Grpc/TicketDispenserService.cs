using System.Globalization;
using FluentValidation;
using Grpc.Core;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts.Grpc.Queues.V1;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Procedures;
using Omnichannel.Queues.Tickets;
using Omnichannel.Queues.Tickets.Issuing;
using WireTicket = Omnichannel.Contracts.Grpc.Queues.V1.Ticket;

namespace Omnichannel.Queues.Grpc;

/// <summary>Tickets for kiosks: the same decision as the REST endpoint (<see cref="IssueTicketEndpoint"/>); a refusal is
/// an answer (the kiosk offers an appointment or says when the office opens), not an error.</summary>
public sealed class TicketDispenserService(OfficeDays days, IQuerySession session, ProcedureAttention attention) : TicketDispenser.TicketDispenserBase
{
    private static readonly IssueTicketRequestValidator Validator = new();

    public override async Task<IssueTicketReply> IssueTicket(Contracts.Grpc.Queues.V1.IssueTicketRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        Guid? citizen = request.CitizenId.Length == 0 ? null
            : Guid.TryParse(request.CitizenId, out var id) ? id : throw Rejection.Invalid("citizen_id", "Not a citizen id.");
        var checkedRequest = new Tickets.Issuing.IssueTicketRequest(request.ProcedureCode, request.Channel, citizen, request.Priority);
        if (Validator.Validate(checkedRequest) is { IsValid: false } invalid)
            throw Rejection.Invalid(Snake(invalid.Errors[0].PropertyName), invalid.Errors[0].ErrorMessage);

        var office = await days.OfficeAsync(session, request.OfficeId, ct);
        var calendar = days.CalendarOf(office);
        var minutes = await attention.MinutesOf(request.ProcedureCode, "procedure_code", ct);
        BuildingBlocks.EventStore.StreamAppends.Decided<OfficeDay> result;
        try
        {
            result = await days.DecideAsync(request.OfficeId, day => IssueTicketDecision.Decide(
                new IssueTicket(Guid.NewGuid(), request.OfficeId, days.Today, request.ProcedureCode, minutes, citizen, request.Channel, request.Priority, days.Now),
                day, office, calendar), ct);
        }
        catch (OfficeClosed closed)
        {
            var opening = closed.NextOpening is { } at ? TimeZoneInfo.ConvertTime(at, calendar.TimeZone).ToString("O", CultureInfo.InvariantCulture) : "";
            return new IssueTicketReply { Refusal = new Contracts.Grpc.Queues.V1.TicketRefusal { Reason = "office-closed", NextOpening = opening } };
        }
        if (result.Events.OfType<WalkInRefused>().FirstOrDefault() is { } refused)
            return new IssueTicketReply { Refusal = new Contracts.Grpc.Queues.V1.TicketRefusal { Reason = refused.Reason, PredictedWaitMinutes = refused.PredictedWaitMinutes } };
        var issued = result.Events.OfType<TicketIssued>().Single();
        return new IssueTicketReply { Ticket = ToTicket(TicketReply.Of(result.State, result.State.Tickets[issued.Number], issued.Day, request.OfficeId, days.Now)) };
    }

    public override async Task<WireTicket> GetTicket(GetTicketRequest request, ServerCallContext context)
    {
        var date = request.Day.Length == 0 ? days.Today
            : DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw Rejection.Invalid("day", "A date, yyyy-MM-dd.");
        var (state, version) = await days.LoadAsync(session, request.OfficeId, date, context.CancellationToken);
        if (version == 0) throw Rejection.NotFound($"Office '{request.OfficeId}' has no tickets on {date:yyyy-MM-dd}.");
        return ToTicket(TicketReply.Of(state, state.Ticket(request.Number), date, request.OfficeId, days.Now));
    }

    private static WireTicket ToTicket(TicketReply t) => new()
    {
        TicketId = t.TicketId.ToString(), OfficeId = t.OfficeId, Day = t.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number = t.Number,
        Line = t.Line, ProcedureCode = t.ProcedureCode, Status = WireEnum.Name(t.Status),
        Ahead = t.Wait?.Ahead ?? 0, HasExpectedWait = t.Wait?.ExpectedMinutes is not null, ExpectedWaitMinutes = t.Wait?.ExpectedMinutes ?? 0,
        IssuedAt = t.IssuedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private static string Snake(string property) => property switch
    {
        "ProcedureCode" => "procedure_code",
        "CitizenId" => "citizen_id",
        _ => property.ToLowerInvariant(),
    };
}
