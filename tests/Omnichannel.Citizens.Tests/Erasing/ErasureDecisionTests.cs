using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Erasing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Citizens.Tests.Erasing;

public sealed class ErasureDecisionTests
{
    private static readonly Guid Citizen = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static ErasureState Given(params object[] events) => events.Aggregate(ErasureState.Initial, ErasureState.Evolve);

    private static V1.CitizenDataErased Confirmation(string service, Guid? request = null) =>
        new("mataro", Now, Citizen, null, request ?? Request, service, 3, []);

    [Fact]
    public void A_request_expects_every_service_that_consumes_it()
    {
        var events = ErasureDecision.Request(Citizen, Request, "dpo", Now, citizenExists: true, ErasureState.Initial);

        var requested = Assert.IsType<ErasureRequested>(Assert.Single(events));
        Assert.Equal(["appointments", "citizens", "incidents", "kiosks", "messaging", "procedures", "queues"], requested.Services);
    }

    [Fact]
    public void A_second_request_for_the_same_citizen_is_a_conflict()
    {
        var state = Given(new ErasureRequested(Citizen, Request, ["citizens"], "dpo", Now));

        var rejection = Assert.Throws<Rejection>(() => ErasureDecision.Request(Citizen, Guid.NewGuid(), "dpo", Now, true, state));
        Assert.Equal(RejectionKind.Conflict, rejection.Kind);
    }

    [Fact]
    public void An_unknown_citizen_cannot_be_erased()
    {
        var rejection = Assert.Throws<Rejection>(() => ErasureDecision.Request(Citizen, Request, "dpo", Now, citizenExists: false, ErasureState.Initial));
        Assert.Equal(RejectionKind.NotFound, rejection.Kind);
    }

    [Fact]
    public void A_confirmation_counts_once_per_service()
    {
        var state = Given(new ErasureRequested(Citizen, Request, ["citizens", "procedures"], "dpo", Now));

        var first = ErasureDecision.Confirm(Confirmation("procedures"), state);
        var confirmed = Assert.IsType<ErasureConfirmed>(Assert.Single(first));
        Assert.Equal("procedures", confirmed.Service);
        Assert.Empty(ErasureDecision.Confirm(Confirmation("procedures"), Given(new ErasureRequested(Citizen, Request, ["citizens", "procedures"], "dpo", Now), confirmed)));
    }

    [Fact]
    public void A_confirmation_of_another_request_is_ignored()
    {
        var state = Given(new ErasureRequested(Citizen, Request, ["citizens"], "dpo", Now));

        Assert.Empty(ErasureDecision.Confirm(Confirmation("citizens", Guid.NewGuid()), state));
    }
}
