using Omnichannel.BuildingBlocks.PersonalData;
using JasperFx.Events;
using Marten.Events.Projections;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>One thing that happened to a citizen on some channel, already told in the three languages,
/// appended to the citizen's history stream by the consumer of the integration event that reported it.</summary>
public sealed record InteractionRecorded(
    Guid CitizenId, Guid SourceEventId, DateTimeOffset At, [NotPersonal] string? Channel, [NotPersonal] string Service, [NotPersonal] string Kind, [Personal] LocalizedText Text, [NotPersonal] string? Reference);

public static class HistoryStream
{
    public static string Key(Guid citizenId) => $"history:{citizenId:N}";
}

/// <summary>A row of the timeline. Id is the source integration event's id, so even a second append of the
/// same interaction could not show twice.</summary>
public sealed class HistoryEntry
{
    public Guid Id { get; set; }
    public Guid CitizenId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Channel { get; set; }
    public string Service { get; set; } = "";
    public string Kind { get; set; } = "";
    public LocalizedText Text { get; set; } = new("", "", "");
    public string? Reference { get; set; }
}

public sealed partial class HistoryEntryProjection : EventProjection
{
    public HistoryEntry Create(InteractionRecorded e) => new()
    {
        Id = e.SourceEventId, CitizenId = e.CitizenId, At = e.At, Channel = e.Channel, Service = e.Service, Kind = e.Kind, Text = e.Text, Reference = e.Reference,
    };
}
