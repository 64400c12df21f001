using Omnichannel.BuildingBlocks.Domain;
using Xunit;

namespace Omnichannel.Testing;

/// <summary>Given events (folded with the service's Evolve) / when a decision / then events or a rejection.</summary>
public sealed class Scenario<TState>(TState state)
{
    public TState State { get; } = state;

    public static Scenario<TState> Given(TState initial, Func<TState, object, TState> evolve, object[] events) =>
        new(events.Aggregate(initial, evolve));

    public Outcome When(Func<TState, IReadOnlyList<object>> decide)
    {
        try
        {
            return new Outcome(decide(State), null);
        }
        catch (Rejection rejection)
        {
            return new Outcome(null, rejection);
        }
    }
}

public sealed class Outcome(IReadOnlyList<object>? events, Rejection? rejection)
{
    public IReadOnlyList<object> Events =>
        events ?? throw new Xunit.Sdk.XunitException($"Expected events, but the command was rejected ({rejection!.Kind}, {rejection.Field}): {rejection.Message}");

    public void Then(params object[] expected) => Assert.Equal(expected, Events);

    public void ThenNothingHappens() => Assert.Empty(Events);

    public Rejection ThenRejected(RejectionKind kind)
    {
        if (rejection is null)
            throw new Xunit.Sdk.XunitException($"Expected a {kind} rejection, but the command was accepted with: [{string.Join(", ", events!)}]");
        Assert.Equal(kind, rejection.Kind);
        return rejection;
    }

    public Rejection ThenInvalid(string field)
    {
        var invalid = ThenRejected(RejectionKind.Invalid);
        Assert.Equal(field, invalid.Field);
        return invalid;
    }
}
