using FluentValidation;
using Marten;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices.ServingProcedures;

public sealed record ServeProcedureRequest(int? Desks);

public sealed class ServeProcedureRequestValidator : AbstractValidator<ServeProcedureRequest>
{
    public ServeProcedureRequestValidator() => RuleFor(r => r.Desks).NotNull().InclusiveBetween(0, 200);
}

public sealed record ServeProcedure(string OfficeId, string ProcedureCode, int Desks, DateTimeOffset At, string By);

public static class ServeProcedureDecision
{
    /// <summary>A procedure is served with at most the office's desks; serving it as it already is changes nothing.</summary>
    public static IReadOnlyList<object> Decide(ServeProcedure command, OfficeState state)
    {
        if (!state.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        if (command.Desks > state.Desks)
            throw Rejection.Invalid("desks", $"The office has {state.Desks} desks; it cannot serve a procedure with {command.Desks}.");
        var current = state.Procedures.GetValueOrDefault(command.ProcedureCode);
        return current == command.Desks ? [] : [new ProcedureServed(command.OfficeId, command.ProcedureCode, command.Desks, command.At, command.By)];
    }
}

public static class ServeProcedureEndpoint
{
    public static async Task<IResult> Handle(string officeId, string procedureCode, ServeProcedureRequest request, IDocumentSession session, SlotSearchCache searches, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ServeProcedure(officeId, procedureCode, request.Desks!.Value, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(OfficeState.StreamKey(officeId), OfficeState.Initial, OfficeState.Evolve,
            state => ServeProcedureDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        searches.SlotsChanged(session.TenantId);
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new ServedProcedure(officeId, procedureCode, command.Desks, result.Version));
    }
}

/// <summary>What serving a procedure answers: how many desks now give appointments for it.</summary>
public sealed record ServedProcedure(string OfficeId, string ProcedureCode, int Desks, long Version);
