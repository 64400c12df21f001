namespace Omnichannel.StaffConsole.Gateway;

// What the console reads from the gateway's API, as the services' OpenAPI documents describe it (only the fields used).

public sealed record Localized(string Ca, string Es, string En)
{
    public string In(string language) => language switch { "es" => Es, "en" => En, _ => Ca };
}

public sealed record LineDefinition(string Line, string Prefix, Localized Names);
public sealed record QueueOffice(string OfficeId, Localized Names, string Address, List<LineDefinition> Lines);

public sealed record LineDemand(string Line, int Waiting, double LongestWaitMinutes, int DesksOpen, int ServedToday, int MissedToday);
public sealed record DemandBoard(string OfficeId, DateOnly Day, List<LineDemand> Lines, int DesksOpen, int WalkInsRefused, DateTimeOffset At);

public sealed record Desk(string DeskId, bool Open, List<string> Lines, string? Current, string? Line, int? Call, long Version, Guid? CitizenId);

public sealed record WaitEstimate(int Ahead, int? ExpectedMinutes, int? OptimisticMinutes, string? Unknown);
public sealed record Ticket(Guid TicketId, string OfficeId, DateOnly Day, string Number, string Line, string ProcedureCode, string Status,
    string? DeskId, int Calls, WaitEstimate? Wait, DateTimeOffset IssuedAt, DateTimeOffset? AppointmentAt);

public sealed record Procedure(string Code, string Category, Localized Names, List<string> Channels, int AverageAttentionMinutes);
public sealed record ProcedurePage(List<Procedure> Items, int Total, int Page, int PageSize);

public sealed record CitizenFound(Guid CitizenId);
public sealed record Registered(Guid CitizenId);
public sealed record HistoryEntry(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
public sealed record HistoryPage(Guid CitizenId, string Language, List<HistoryEntry> Entries, long Total, int Page, int PageSize);

public sealed record Callback(Guid CallbackId, Guid CitizenId, string Phone, DateTimeOffset CallAt, string? ProcedureCode, string? Topic,
    string Channel, string? Outcome, string? Note);

public sealed record SubmittedCase(Guid CaseId, string TrackingCode, string Status, long Version);
public sealed record DeclaredClosure(string OfficeId, DateOnly Date, long Version);

/// <summary>An RFC 9457 problem as the services write it: <c>errors</c> names each field at fault.</summary>
public sealed record Problem(int Status, string? Title, string? Detail, Dictionary<string, string[]> Errors, string? Reason)
{
    public string? For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages) : null;

    /// <summary>What to show where no field is named.</summary>
    public string Summary => Detail ?? Title ?? $"HTTP {Status}";
}

public sealed record ApiResult<T>(T? Value, Problem? Problem)
{
    public bool Ok => Problem is null;
}
