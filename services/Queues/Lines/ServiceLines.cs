using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Lines;

/// <summary>The service lines an office can have, as they appear on the wire.</summary>
public static class ServiceLines
{
    /// <summary>Quick-service counter: procedures of a few minutes, without appointment.</summary>
    public const string Point0 = "point0";
    /// <summary>Procedures of up to about a quarter of an hour, without appointment, when the wait allows.</summary>
    public const string General = "general";
    /// <summary>Citizens who checked in for an appointment, called at their time before walk-ins.</summary>
    public const string Appointment = "appointment";
    /// <summary>Accessibility needs and vulnerable citizens, called before the walk-in lines.</summary>
    public const string Priority = "priority";

    public static readonly IReadOnlyList<string> All = [Point0, General, Appointment, Priority];

    public static readonly IReadOnlyDictionary<string, string> DefaultPrefixes = new Dictionary<string, string>
    {
        [Point0] = "P", [General] = "G", [Appointment] = "C", [Priority] = "A",
    };
}

/// <summary>An office's rules for its lines (configurable per office).</summary>
public sealed record OfficeRules(
    int Point0MaxMinutes,
    int GeneralMaxMinutes,
    int WalkInWaitThresholdMinutes,
    int MaxCalls,
    int AppointmentCallAheadMinutes)
{
    /// <summary>Mataró's: Point 0 up to 5 minutes, up to 15 without appointment when the day allows.</summary>
    public static readonly OfficeRules Default = new(5, 15, 30, 3, 0);
}

public enum Routing
{
    Point0,
    General,
    Priority,
    /// <summary>Too long to be served without an appointment.</summary>
    AppointmentOnly,
}

/// <summary>Which line a walk-in goes to, from the procedure's average attention minutes in the catalogue.</summary>
public static class LineRouting
{
    public static Routing Route(int averageAttentionMinutes, bool priority, OfficeRules rules)
    {
        if (priority) return Routing.Priority;
        if (averageAttentionMinutes <= rules.Point0MaxMinutes) return Routing.Point0;
        if (averageAttentionMinutes <= rules.GeneralMaxMinutes) return Routing.General;
        return Routing.AppointmentOnly;
    }

    public static string LineOf(Routing routing) => routing switch
    {
        Routing.Point0 => ServiceLines.Point0,
        Routing.General => ServiceLines.General,
        Routing.Priority => ServiceLines.Priority,
        _ => throw Rejection.Invalid("procedureCode", "This procedure needs an appointment."),
    };
}
