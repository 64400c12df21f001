using MassTransit;
using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Omnichannel.Contracts.V1;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

/// <summary>Every contract event either reads somehow in a citizen's history or says why it does not: a new event
/// cannot silently miss the history.</summary>
public class HistoryCoverageTests
{
    /// <summary>Every IIntegrationEvent carries a (nullable) CitizenId, so whether one names a citizen is a fact about
    /// the event, not its type: every concrete contract event must be decided on, one way or the other.</summary>
    private static readonly IReadOnlyList<Type> ContractEvents = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .OrderBy(t => t.FullName)
        .ToList();

    [Fact]
    public void Every_contract_event_has_a_history_line_or_an_exclusion_with_its_reason()
    {
        var declared = HistoryLines.All.Select(l => l.EventType).ToHashSet();
        var undecided = ContractEvents.Where(t => !declared.Contains(t) && !HistoryLines.Excluded.ContainsKey(t)).Select(t => t.FullName).ToList();

        Assert.True(undecided.Count == 0,
            $"These contract events have neither a history line nor an exclusion in HistoryLines: {string.Join(", ", undecided)}. " +
            "Declare how each reads (HistoryLines.All) or say why it does not (HistoryLines.Excluded).");
    }

    [Fact]
    public void The_contracts_hold_events_this_test_can_see()
    {
        // Guards the test above against passing on an empty list (a moved assembly, a changed interface).
        Assert.Contains(typeof(AppointmentBooked), ContractEvents);
        Assert.Contains(typeof(OfficeRegistered), ContractEvents);
    }

    [Fact]
    public void No_event_is_both_declared_and_excluded_and_every_exclusion_says_why()
    {
        var both = HistoryLines.All.Select(l => l.EventType).Where(HistoryLines.Excluded.ContainsKey).Select(t => t.Name).ToList();
        Assert.True(both.Count == 0, $"Declared and excluded at once: {string.Join(", ", both)}.");
        Assert.All(HistoryLines.Excluded, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{e.Key.Name} is excluded without a reason."));
    }

    [Fact]
    public void Each_event_is_declared_once_and_only_contract_events_are()
    {
        Assert.Equal(HistoryLines.All.Count, HistoryLines.All.Select(l => l.EventType).Distinct().Count());
        Assert.All(HistoryLines.All, l => Assert.Contains(l.EventType, ContractEvents));
        Assert.All(HistoryLines.Excluded.Keys, t => Assert.Contains(t, ContractEvents));
    }

    [Theory]
    [InlineData(typeof(CaseSubmitted), "procedures")]
    [InlineData(typeof(CaseStatusChanged), "procedures")]
    [InlineData(typeof(AppointmentBooked), "appointments")]
    [InlineData(typeof(CallbackCompleted), "appointments")]
    [InlineData(typeof(TicketCalled), "queues")]
    [InlineData(typeof(IncidentReported), "incidents")]
    [InlineData(typeof(IncidentProgressed), "incidents")]
    public void A_line_is_labelled_with_the_group_it_is_declared_in_when_the_message_has_no_source(Type eventType, string service)
    {
        Assert.Equal(service, HistoryLines.All.Single(l => l.EventType == eventType).Service);
    }

    [Theory]
    [InlineData("/omnichannel/appointments", "appointments")]
    [InlineData("/omnichannel/queues", "queues")]
    [InlineData("/omnichannel/kiosks/", "kiosks")]
    [InlineData("incidents", "incidents")]
    public void The_service_label_is_the_last_segment_of_the_cloudevents_source(string source, string service)
    {
        Assert.Equal(service, HistorySource.Service(source, fallback: "procedures"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    public void Without_a_source_the_label_is_the_fallback(string? source)
    {
        Assert.Equal("procedures", HistorySource.Service(source, fallback: "procedures"));
    }

    [Theory]
    [InlineData(typeof(AppointmentBooked), "citizens-appointment-booked")]
    [InlineData(typeof(TicketHolderIsNext), "citizens-ticket-holder-is-next")]
    [InlineData(typeof(CaseStatusChanged), "citizens-case-status-changed")]
    public void Each_events_queue_keeps_the_name_its_hand_written_consumer_had(Type eventType, string queue)
    {
        // Messages waiting in a queue when the service is upgraded are still read.
        var formatter = new KebabCaseEndpointNameFormatter("citizens", includeNamespace: false);
        var consumerName = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!
            .MakeGenericMethod(typeof(HistoryConsumer<>).MakeGenericType(eventType));
        Assert.Equal(queue, consumerName.Invoke(formatter, null));
    }
}
