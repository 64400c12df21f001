using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices;

public sealed record OfficeRegistered(string OfficeId, LocalizedText Name, string Address, string Calendar, int Desks, DateTimeOffset At, string By);

/// <summary>The office serves a procedure by appointment with this many desks (0: no longer serves it).</summary>
public sealed record ProcedureServed(string OfficeId, string ProcedureCode, int Desks, DateTimeOffset At, string By);

/// <summary>Staff changed the office's description: the whole of it as it now is (name, address, calendar, desks).</summary>
public sealed record OfficeChanged(string OfficeId, LocalizedText Name, string Address, string Calendar, int Desks, DateTimeOffset At, string By);

/// <summary>The office is closed all day on a date (on top of the business calendar's holidays).</summary>
public sealed record OfficeClosureDeclared(string OfficeId, DateOnly Date, string Reason, DateTimeOffset At, string By);

/// <summary>An office's stream folded.</summary>
public sealed record OfficeState(bool Exists, int Desks, IReadOnlyDictionary<string, int> Procedures, IReadOnlySet<DateOnly> Closures)
{
    public static readonly OfficeState Initial = new(false, 0, new Dictionary<string, int>(), new HashSet<DateOnly>());

    /// <summary>The description as last registered or changed (null before registration).</summary>
    public OfficeDescription? Description { get; init; }

    public static string StreamKey(string officeId) => $"office:{officeId}";

    public static OfficeState Evolve(OfficeState state, object @event) => @event switch
    {
        OfficeRegistered e => state with { Exists = true, Desks = e.Desks, Description = new(e.Name, e.Address, e.Calendar, e.Desks) },
        OfficeChanged e => state with { Desks = e.Desks, Description = new(e.Name, e.Address, e.Calendar, e.Desks) },
        ProcedureServed e => state with { Procedures = With(state.Procedures, e.ProcedureCode, e.Desks) },
        OfficeClosureDeclared e => state with { Closures = new HashSet<DateOnly>(state.Closures) { e.Date } },
        _ => state,
    };

    private static Dictionary<string, int> With(IReadOnlyDictionary<string, int> procedures, string code, int desks)
    {
        var copy = new Dictionary<string, int>(procedures);
        if (desks == 0) copy.Remove(code); else copy[code] = desks;
        return copy;
    }
}

/// <summary>What the directory says of an office, compared whole to tell a change from a repeat.</summary>
public sealed record OfficeDescription(LocalizedText Name, string Address, string Calendar, int Desks);

public sealed record RegisterOffice(string OfficeId, LocalizedText Name, string Address, string Calendar, int Desks, DateTimeOffset At, string By);
public sealed record ServeProcedure(string OfficeId, string ProcedureCode, int Desks, DateTimeOffset At, string By);
public sealed record DeclareClosure(string OfficeId, DateOnly Date, string Reason, DateTimeOffset At, string By);

public static class OfficeDecisions
{
    public static IReadOnlyList<object> Decide(RegisterOffice command, OfficeState state, IReadOnlyCollection<string> calendars)
    {
        if (state.Exists) throw Rejection.Conflict($"Office '{command.OfficeId}' is already registered.");
        if (!calendars.Contains(command.Calendar, StringComparer.OrdinalIgnoreCase))
            throw Rejection.Invalid("calendar", $"There is no business calendar '{command.Calendar}'; use one of: {string.Join(", ", calendars)}.");
        return [new OfficeRegistered(command.OfficeId, command.Name, command.Address, command.Calendar, command.Desks, command.At, command.By)];
    }

    /// <summary>A procedure is served with at most the office's desks; serving it as it already is changes nothing.</summary>
    public static IReadOnlyList<object> Decide(ServeProcedure command, OfficeState state)
    {
        if (!state.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        if (command.Desks > state.Desks)
            throw Rejection.Invalid("desks", $"The office has {state.Desks} desks; it cannot serve a procedure with {command.Desks}.");
        var current = state.Procedures.GetValueOrDefault(command.ProcedureCode);
        return current == command.Desks ? [] : [new ProcedureServed(command.OfficeId, command.ProcedureCode, command.Desks, command.At, command.By)];
    }

    public static IReadOnlyList<object> Decide(DeclareClosure command, OfficeState state, DateOnly today)
    {
        if (!state.Exists) throw Rejection.NotFound($"There is no office '{command.OfficeId}'.");
        if (command.Date < today) throw Rejection.Invalid("date", "A closure cannot be declared for a past date.");
        return state.Closures.Contains(command.Date)
            ? []
            : [new OfficeClosureDeclared(command.OfficeId, command.Date, command.Reason, command.At, command.By)];
    }
}
