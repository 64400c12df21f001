using Omnichannel.Appointments.Callbacks;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Offices.Registering;
using Omnichannel.Appointments.Offices.ServingProcedures;
using Omnichannel.BuildingBlocks.Domain;
using static Omnichannel.Appointments.Tests.Examples;

namespace Omnichannel.Appointments.Tests;

public sealed class CallbackAndOfficeTests
{
    private static RequestCallback Ask(DateTimeOffset at) => new(Guid.NewGuid(), Guid.NewGuid(), "612 345 678", at, null, "padró", "online", Now);

    [Fact]
    public void A_callback_calls_the_number_given()
    {
        Assert.Equal("+442079460958", CallbackDecisions.PhoneToCall("+442079460958", "+34612345678"));
    }

    [Fact]
    public void Without_a_number_the_callback_calls_the_citizens_own_phone()
    {
        Assert.Equal("+34612345678", CallbackDecisions.PhoneToCall(null, "+34612345678"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_number_nor_a_phone_on_record_the_request_must_give_one(string? onRecord)
    {
        var rejection = Assert.Throws<Rejection>(() => CallbackDecisions.PhoneToCall(null, onRecord));

        Assert.Equal((RejectionKind.Invalid, "phone"), (rejection.Kind, rejection.Field));
    }

    [Fact]
    public void A_callback_within_phone_hours_is_requested()
    {
        var e = Assert.IsType<CallbackRequested>(Assert.Single(CallbackDecisions.Decide(Ask(Wednesday(8, 30)), CallbackState.Initial, Calendars.For("phone"))));
        Assert.Equal(Wednesday(8, 30), e.CallAt);
    }

    [Theory]
    [InlineData(2026, 12, 4, 15, 0)]  // Friday: phone closes at 15:00
    [InlineData(2026, 12, 2, 8, 29)]  // before opening
    [InlineData(2026, 12, 5, 10, 0)]  // Saturday
    public void A_callback_outside_phone_hours_is_refused_with_the_next_opening(int y, int mo, int d, int h, int mi)
    {
        var r = Assert.Throws<Rejection>(() => CallbackDecisions.Decide(Ask(new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.FromHours(1))), CallbackState.Initial, Calendars.For("phone")));
        Assert.Equal("callAt", r.Field);
        Assert.Contains("next opening", r.Message);
    }

    [Fact]
    public void A_callback_is_marked_done_or_failed_once()
    {
        var state = CallbackState.Evolve(CallbackState.Initial, CallbackDecisions.Decide(Ask(Wednesday(9, 0)), CallbackState.Initial, Calendars.For("phone"))[0]);
        var done = CallbackDecisions.Decide(new CompleteCallback(Guid.NewGuid(), "done", null, "agent", Now), state);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => CallbackDecisions.Decide(new CompleteCallback(Guid.NewGuid(), "failed", null, "agent", Now), CallbackState.Evolve(state, done[0]))).Kind);
    }

    [Fact]
    public void An_office_serves_a_procedure_with_at_most_its_desks_and_an_unknown_calendar_is_refused()
    {
        var registered = OfficeState.Evolve(OfficeState.Initial, new OfficeRegistered("o", new("a", "a", "a"), "addr", "on-site", 3, Now, "staff"));
        Assert.Equal("desks", Assert.Throws<Rejection>(() => ServeProcedureDecision.Decide(new ServeProcedure("o", Procedure, 4, Now, "staff"), registered)).Field);
        Assert.Single(ServeProcedureDecision.Decide(new ServeProcedure("o", Procedure, 3, Now, "staff"), registered));
        Assert.Equal("calendar", Assert.Throws<Rejection>(() => RegisterOfficeDecision.Decide(new RegisterOffice("p", new("a", "a", "a"), "addr", "moon", 1, Now, "staff"), OfficeState.Initial, Calendars.Names)).Field);
    }
}
