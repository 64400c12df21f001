using Omnichannel.BuildingBlocks.PersonalData;
using Marten.Events.Aggregation;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Callbacks;

public sealed record CallbackRequested(Guid CallbackId, Guid CitizenId, [Personal] string Phone, DateTimeOffset CallAt, [NotPersonal] string? ProcedureCode, [Personal] string? Topic, [NotPersonal] string Channel, DateTimeOffset At);
public sealed record CallbackCompleted(Guid CallbackId, Guid CitizenId, [NotPersonal] string Outcome, [Personal] string? Note, [NotPersonal] string By, DateTimeOffset At);

public sealed record CallbackState(bool Exists, Guid CitizenId, string? Outcome)
{
    public static readonly CallbackState Initial = new(false, Guid.Empty, null);

    public static string StreamKey(Guid callbackId) => $"callback:{callbackId:N}";

    public static CallbackState Evolve(CallbackState state, object @event) => @event switch
    {
        CallbackRequested e => new(true, e.CitizenId, null),
        CallbackCompleted e => state with { Outcome = e.Outcome },
        _ => state,
    };
}

public sealed record RequestCallback(Guid CallbackId, Guid CitizenId, string Phone, DateTimeOffset CallAt, string? ProcedureCode, string? Topic, string Channel, DateTimeOffset Now);
public sealed record CompleteCallback(Guid CallbackId, string Outcome, string? Note, string By, DateTimeOffset Now);

public static class CallbackDecisions
{
    public static readonly IReadOnlySet<string> Outcomes = new HashSet<string> { "done", "failed" };

    /// <summary>As long as a procedure code the catalogue accepts.</summary>
    public const int ProcedureCodeMaxLength = 80;

    /// <summary>The number to call: the one given (already in E.164), else the citizen's own phone on record; with
    /// neither there is nobody to call, and the request must say the number.</summary>
    public static string PhoneToCall(string? given, string? onRecord) =>
        given is { Length: > 0 } ? given
        : onRecord is { Length: > 0 } ? onRecord
        : throw Rejection.Invalid("phone", "This citizen has no phone on record: give the number to call.");

    /// <summary>"Call me": at an agreed time in the future, within the phone service's hours.</summary>
    public static IReadOnlyList<object> Decide(RequestCallback command, CallbackState state, BusinessCalendar phoneHours)
    {
        if (state.Exists) throw Rejection.Conflict("This callback was already requested.");
        if (command.CallAt <= command.Now) throw Rejection.Invalid("callAt", "The time of the call has already passed.");
        if (!phoneHours.IsOpen(command.CallAt))
        {
            var next = phoneHours.NextOpening(command.CallAt);
            throw Rejection.Invalid("callAt", $"The phone service is closed at that time; the next opening is {next:yyyy-MM-dd HH:mm zzz}.");
        }
        return [new CallbackRequested(command.CallbackId, command.CitizenId, command.Phone, command.CallAt, command.ProcedureCode, command.Topic, command.Channel, command.Now)];
    }

    /// <summary>The agent made the call (done) or could not reach the citizen (failed); once.</summary>
    public static IReadOnlyList<object> Decide(CompleteCallback command, CallbackState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such callback.");
        if (state.Outcome is not null) throw Rejection.Conflict($"This callback is already marked {state.Outcome}.");
        if (!Outcomes.Contains(command.Outcome)) throw Rejection.Invalid("outcome", "Use 'done' or 'failed'.");
        return [new CallbackCompleted(command.CallbackId, state.CitizenId, command.Outcome, command.Note, command.By, command.Now)];
    }
}

/// <summary>A callback on the phone agents' list.</summary>
public sealed class CallbackView
{
    public string Id { get; set; } = "";
    public Guid CallbackId { get; set; }
    public Guid CitizenId { get; set; }
    public string Phone { get; set; } = "";
    public DateTimeOffset CallAt { get; set; }
    public string? ProcedureCode { get; set; }
    public string? Topic { get; set; }
    public string Channel { get; set; } = "";
    public string? Outcome { get; set; }
    public string? Note { get; set; }
    public string? By { get; set; }
    public long Version { get; set; }
}

public sealed partial class CallbackViewProjection : SingleStreamProjection<CallbackView, string>
{
    public CallbackView Create(CallbackRequested e) => new()
    {
        CallbackId = e.CallbackId, CitizenId = e.CitizenId, Phone = e.Phone, CallAt = e.CallAt, ProcedureCode = e.ProcedureCode, Topic = e.Topic, Channel = e.Channel,
    };

    public void Apply(CallbackCompleted e, CallbackView view)
    {
        view.Outcome = e.Outcome;
        view.Note = e.Note;
        view.By = e.By;
    }
}
