using Omnichannel.Queues.Offices;

namespace Omnichannel.Queues.OfficeDirectory;

/// <summary>What queues note of the office directory's messages.</summary>
public static class OfficeDirectoryDecisions
{
    /// <summary>A registration or change heard from the directory; a repeat or an older description changes nothing.</summary>
    public static IReadOnlyList<object> Decide(OfficeDescribed described, OfficeState state) =>
        state.DescribedAt is { } last && described.DescribedAt <= last ? [] : [described];

    public static IReadOnlyList<object> Decide(OfficeClosureNoted closure, OfficeState state) =>
        state.Closures.Contains(closure.Date) ? [] : [closure];
}
