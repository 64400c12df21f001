using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Procedures.Cases;

/// <summary>
/// An official notification of a case put at its citizen's disposal (Ley 39/2015, art. 41–43: electronic notification by
/// appearance): a title and a text in the citizen's language, written by staff. It is delivered when the citizen first
/// accesses it (<see cref="NotificationAccessed"/>). Carries the case's code, procedure and citizen so it can be published
/// without reading the stream.
/// </summary>
public sealed record NotificationIssued(Guid CaseId, Guid NotificationId, [NotPersonal] string TrackingCode, [NotPersonal] string ProcedureCode, Guid? CitizenId,
    [Personal] string Title, [Personal] string Body, [NotPersonal] string Language, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The first access to a notification: when, through which channel (kiosk, online, on-site when staff open it
/// for the citizen at the desk) and by whom (the member of staff or the kiosk). Recorded once; later reads add nothing.</summary>
public sealed record NotificationAccessed(Guid CaseId, Guid NotificationId, [NotPersonal] string TrackingCode, [NotPersonal] string ProcedureCode, Guid? CitizenId,
    [NotPersonal] string Channel, [NotPersonal] string By, DateTimeOffset At);

/// <summary>The languages a notification can be written in: the platform's three.</summary>
public static class NotificationLanguages
{
    public static readonly IReadOnlyList<string> All = ["ca", "es", "en"];
}
