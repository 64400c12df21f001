namespace Omnichannel.BuildingBlocks.Domain;

/// <summary>Why a command was refused; decides the HTTP status of the problem details.</summary>
public enum RejectionKind
{
    /// <summary>The input is wrong: 400, naming the field.</summary>
    Invalid,
    /// <summary>Something the command names does not exist: 404.</summary>
    NotFound,
    /// <summary>The command is valid but the current state forbids it: 409.</summary>
    Conflict,
}

/// <summary>
/// Thrown by a <c>Decide</c> function when a command is refused. Pure domain code throws it;
/// the HTTP layer turns it into RFC 9457 problem details, and nothing has been written.
/// </summary>
public sealed class Rejection(RejectionKind kind, string reason, string? field = null) : Exception(reason)
{
    public RejectionKind Kind { get; } = kind;

    /// <summary>The request field at fault, in the API's camelCase naming, when there is one.</summary>
    public string? Field { get; } = field;

    public static Rejection Invalid(string field, string reason) => new(RejectionKind.Invalid, reason, field);
    public static Rejection NotFound(string reason) => new(RejectionKind.NotFound, reason);
    public static Rejection Conflict(string reason) => new(RejectionKind.Conflict, reason);
}
