using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Kiosks.Sessions;

namespace Omnichannel.Kiosks.Tests.Domain;

/// <summary>Private sessions and the wipe handshake as given events / when command / then events.</summary>
public sealed class SessionTests
{
    private const string Kiosk = "K1234-567";
    private const string Office = "cc-rocafonda";
    private static readonly DateTimeOffset T0 = new(2026, 9, 9, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid S1 = Guid.NewGuid();
    private static readonly Guid Citizen = Guid.NewGuid();
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan WipeAck = TimeSpan.FromMinutes(1);

    private static SessionsState Given(params object[] events) => events.Aggregate(SessionsState.Initial, SessionsState.Evolve);

    private static SessionStarted Started(Guid? citizen = null) =>
        new(Kiosk, Office, S1, citizen is null ? Identification.Anonymous : Identification.IdCard, citizen, T0);

    private static SessionEnded Ended(SessionEnding ending = SessionEnding.Explicit, int minutes = 5) =>
        new(Kiosk, Office, S1, ending, Identification.Anonymous, null, T0, 0, [], T0.AddMinutes(minutes));

    [Fact]
    public void An_identified_session_ends_with_what_was_done_and_a_wipe_to_acknowledge()
    {
        var state = Given(Started(Citizen),
            new SessionActionRecorded(Kiosk, S1, SessionAction.TicketTaken, "G012", T0.AddMinutes(1)),
            new SessionActionRecorded(Kiosk, S1, SessionAction.AppointmentBooked, "C1234-56789", T0.AddMinutes(2)));

        var ended = Assert.IsType<SessionEnded>(Assert.Single(SessionDecisions.Decide(new EndSession(Kiosk, Office, S1, SessionEnding.Explicit, T0.AddMinutes(3)), state)));

        Assert.Equal((Citizen, 2), (ended.CitizenId, ended.Actions));
        Assert.Equal([SessionAction.TicketTaken, SessionAction.AppointmentBooked], ended.Did);
        Assert.Equal(S1, Given(Started(Citizen), ended).Wipe!.SessionId);
    }

    [Fact]
    public void No_session_starts_while_one_is_open_or_a_wipe_waits_and_after_the_acknowledgement_one_does()
    {
        var start = new StartSession(Kiosk, Office, Guid.NewGuid(), Identification.Anonymous, null, T0.AddMinutes(6));

        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => SessionDecisions.Decide(start, Given(Started()))).Kind);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => SessionDecisions.Decide(start, Given(Started(), Ended()))).Kind);
        Assert.IsType<SessionStarted>(Assert.Single(SessionDecisions.Decide(start, Given(Started(), Ended(), new WipeAcknowledged(Kiosk, S1, T0.AddMinutes(5))))));
    }

    [Fact]
    public void An_identified_session_needs_a_citizen_and_an_anonymous_one_names_none()
    {
        var noCitizen = Assert.Throws<Rejection>(() => SessionDecisions.Decide(new StartSession(Kiosk, Office, S1, Identification.IdCatMobil, null, T0), SessionsState.Initial));
        var named = Assert.Throws<Rejection>(() => SessionDecisions.Decide(new StartSession(Kiosk, Office, S1, Identification.Anonymous, Citizen, T0), SessionsState.Initial));

        Assert.Equal("citizenId", noCitizen.Field);
        Assert.Equal("identification", named.Field);
    }

    [Fact]
    public void Actions_are_recorded_only_in_the_open_session()
    {
        var other = new RecordAction(Kiosk, Guid.NewGuid(), SessionAction.PagePrinted, null, T0.AddMinutes(1));
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => SessionDecisions.Decide(other, Given(Started()))).Kind);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => SessionDecisions.Decide(other with { SessionId = S1 }, Given(Started(), Ended()))).Kind);
    }

    [Fact]
    public void A_ticket_issued_while_the_session_was_open_is_recorded_late_on_it_once_it_has_ended()
    {
        var issued = new RecordAction(Kiosk, S1, SessionAction.TicketTaken, "G013", T0.AddMinutes(6), IssuedWhileOpen: true);

        var late = Assert.IsType<LateSessionActionRecorded>(Assert.Single(SessionDecisions.Decide(issued, Given(Started(), Ended()))));
        Assert.Equal((S1, SessionAction.TicketTaken, "G013"), (late.SessionId, late.Action, late.Reference));
        // Even once the next citizen's session has started, it goes to the one it was issued for.
        var next = new SessionStarted(Kiosk, Office, Guid.NewGuid(), Identification.Anonymous, null, T0.AddMinutes(7));
        Assert.Equal(S1, Assert.IsType<LateSessionActionRecorded>(Assert.Single(SessionDecisions.Decide(issued,
            Given(Started(), Ended(), new WipeAcknowledged(Kiosk, S1, T0.AddMinutes(6)), next)))).SessionId);
        // A session that never ended here is not one a ticket was issued for.
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => SessionDecisions.Decide(issued with { SessionId = Guid.NewGuid() }, Given(Started(), Ended()))).Kind);
    }

    [Fact]
    public void Ending_an_ended_session_again_changes_nothing()
    {
        Assert.Empty(SessionDecisions.Decide(new EndSession(Kiosk, Office, S1, SessionEnding.Explicit, T0.AddMinutes(6)), Given(Started(), Ended())));
    }

    [Fact]
    public void An_idle_session_ends_by_timeout_counted_from_its_last_action()
    {
        var state = Given(Started(), new SessionActionRecorded(Kiosk, S1, SessionAction.ProcedureOpened, "census-certificate", T0.AddMinutes(1)));

        Assert.Empty(SessionDecisions.DecideTimeouts(state, Office, T0.AddMinutes(2.9), Idle, WipeAck));
        var ended = Assert.IsType<SessionEnded>(Assert.Single(SessionDecisions.DecideTimeouts(state, Office, T0.AddMinutes(3), Idle, WipeAck)));
        Assert.Equal(SessionEnding.IdleTimeout, ended.Ending);
    }

    [Fact]
    public void An_unacknowledged_wipe_takes_the_kiosk_out_of_service_once_until_it_acknowledges()
    {
        var state = Given(Started(), Ended(minutes: 5));

        Assert.Empty(SessionDecisions.DecideTimeouts(state, Office, T0.AddMinutes(5.9), Idle, WipeAck));
        var out_ = Assert.IsType<KioskTakenOutOfService>(Assert.Single(SessionDecisions.DecideTimeouts(state, Office, T0.AddMinutes(6), Idle, WipeAck)));
        state = Given(Started(), Ended(minutes: 5), out_);
        Assert.Empty(SessionDecisions.DecideTimeouts(state, Office, T0.AddMinutes(30), Idle, WipeAck));
        var start = new StartSession(Kiosk, Office, Guid.NewGuid(), Identification.Anonymous, null, T0.AddMinutes(31));
        Assert.Contains("out of service", Assert.Throws<Rejection>(() => SessionDecisions.Decide(start, state)).Message);

        var back = Given(Started(), Ended(minutes: 5), out_, new WipeAcknowledged(Kiosk, S1, T0.AddMinutes(32)));
        Assert.False(back.OutOfService);
        Assert.Single(SessionDecisions.Decide(start, back));
    }
}
