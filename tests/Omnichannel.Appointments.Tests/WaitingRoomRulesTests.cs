using Omnichannel.Appointments.WaitingRoom;
using Omnichannel.Appointments.WaitingRoom.Joining;

namespace Omnichannel.Appointments.Tests;

/// <summary>The queue token, the proof of work and what a client is told, as pure functions.</summary>
public sealed class WaitingRoomRulesTests
{
    private static readonly byte[] Key = System.Text.Encoding.UTF8.GetBytes("a-key-of-at-least-thirty-two-characters-long");
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly QueueTicket Ticket = new(Guid.NewGuid(), "mataro", "aid-campaign", 42, Now.AddMinutes(2));

    [Fact]
    public void A_token_signed_by_the_room_reads_back_as_its_ticket()
    {
        var (ticket, refusal) = QueueToken.Read(QueueToken.Sign(Ticket, Key), Key, "mataro", "aid-campaign", Now);
        Assert.Null(refusal);
        Assert.Equal(Ticket, ticket);
    }

    [Fact]
    public void A_token_moved_forward_in_line_is_refused()
    {
        // A client that rewrites its arrival number: the payload changes, the signature does not match.
        var moved = QueueToken.Sign(Ticket with { Arrival = 1 }, System.Text.Encoding.UTF8.GetBytes("another-key-another-key-another-key!!"));
        var forged = moved.Split('.')[0] + "." + QueueToken.Sign(Ticket, Key).Split('.')[1];
        Assert.Equal("token-invalid", QueueToken.Read(forged, Key, "mataro", "aid-campaign", Now).Refusal);
        Assert.Equal("token-invalid", QueueToken.Read(moved, Key, "mataro", "aid-campaign", Now).Refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData("AAAA.AAAA")]
    public void Anything_else_is_not_a_token(string token) =>
        Assert.Equal("token-invalid", QueueToken.Read(token, Key, "mataro", "aid-campaign", Now).Refusal);

    [Fact]
    public void A_token_of_another_room_or_council_is_refused()
    {
        var token = QueueToken.Sign(Ticket, Key);
        Assert.Equal("token-invalid", QueueToken.Read(token, Key, "mataro", "census-registration", Now).Refusal);
        Assert.Equal("token-invalid", QueueToken.Read(token, Key, "badalona", "aid-campaign", Now).Refusal);
    }

    [Fact]
    public void A_token_past_its_time_is_expired()
    {
        var token = QueueToken.Sign(Ticket, Key);
        Assert.Equal("token-expired", QueueToken.Read(token, Key, "mataro", "aid-campaign", Ticket.ExpiresAt).Refusal);
    }

    [Fact]
    public void A_solved_proof_of_work_lets_in_and_another_citizens_does_not()
    {
        var challenge = ProofOfWork.Challenge("mataro", "aid-campaign", Now, Key);
        var citizen = Guid.NewGuid();
        var nonce = ProofOfWork.Solve(challenge, citizen, 8);
        Assert.Null(ProofOfWork.Check(challenge, nonce, citizen, "mataro", "aid-campaign", 8, Now, Key));
        // The work is per identity: a bot cannot reuse it for its next citizen (1 in 256 would pass by chance: find one that does not).
        var other = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).First(c => ProofOfWork.Check(challenge, nonce, c, "mataro", "aid-campaign", 8, Now, Key) is not null);
        Assert.Equal("nonce", ProofOfWork.Check(challenge, nonce, other, "mataro", "aid-campaign", 8, Now, Key)!.Value.Field);
        Assert.Equal("challenge", ProofOfWork.Check(challenge, nonce, citizen, "mataro", "aid-campaign", 8, Now + ProofOfWork.ChallengeLifetime + TimeSpan.FromSeconds(1), Key)!.Value.Field);
        Assert.Equal("challenge", ProofOfWork.Check(null, nonce, citizen, "mataro", "aid-campaign", 8, Now, Key)!.Value.Field);
        Assert.Null(ProofOfWork.Check(null, null, citizen, "mataro", "aid-campaign", 0, Now, Key)); // off by default
    }

    private static readonly RoomRow Room = new("aid-campaign", 3, null, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 10), Now, 200, 50, 10, 120, "open", null, 4000, null);

    [Fact]
    public void A_client_waiting_is_told_its_position_and_a_wait_from_the_pace_of_recent_turns()
    {
        var turn = Turns.Of(new EntryRow(Guid.NewGuid(), Guid.NewGuid(), 900, 3, "waiting", null, 25, Room), Now, "t", Now.AddMinutes(2));
        Assert.Equal(TurnState.Waiting, turn.State);
        Assert.Equal(26, turn.Position);
        Assert.Equal(12, turn.EstimatedWaitSeconds); // 25 ahead, 10 at once: the third round of 4-second turns
        Assert.Equal("t", turn.Token);
    }

    [Fact]
    public void Everyone_still_waiting_is_told_no_places_left_as_soon_as_the_last_one_goes()
    {
        var soldOut = Room with { PlacesLeft = 0 };
        var turn = Turns.Of(new EntryRow(Guid.NewGuid(), Guid.NewGuid(), 900, 3, "waiting", null, 25, soldOut), Now, "t", Now.AddMinutes(2));
        Assert.Equal(TurnState.NoPlacesLeft, turn.State);
        Assert.Null(turn.Token);
        Assert.NotNull(turn.Alternatives);
        Assert.Contains("No places", turn.Messages.En);
    }

    [Fact]
    public void An_admission_past_its_time_shows_as_expired_and_a_place_of_an_earlier_window_as_left()
    {
        var admitted = new EntryRow(Guid.NewGuid(), Guid.NewGuid(), 900, 3, "admitted", Now, 0, Room);
        Assert.Equal(TurnState.Expired, Turns.Of(admitted, Now, "t", Now).State);
        Assert.Equal(TurnState.Left, Turns.Of(admitted with { Revision = 2 }, Now.AddSeconds(-1), "t", Now).State);
    }

    [Fact]
    public void Admitted_clients_are_offered_different_free_times_first_in_proportion_to_the_places_free()
    {
        var at = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(2));
        var slots = new List<Omnichannel.Appointments.Slots.FreeSlot>
        {
            new("o", at, at.AddMinutes(20), 3),
            new("o", at.AddMinutes(20), at.AddMinutes(40), 0),
            new("o", at.AddMinutes(40), at.AddMinutes(60), 1),
        };
        var firsts = Enumerable.Range(100, 8).Select(rank => WaitingRoom.Admitting.AdmittedSlots.Spread(slots, rank)).ToList();
        // Four free places: of every four consecutive ranks, three start at 09:00 and one at 09:40; a full slot is never offered.
        Assert.Equal(6, firsts.Count(f => f[0].StartsAt == at));
        Assert.Equal(2, firsts.Count(f => f[0].StartsAt == at.AddMinutes(40)));
        Assert.All(firsts, f => Assert.Equal(2, f.Count));
        Assert.All(firsts, f => Assert.DoesNotContain(f, s => s.Free == 0));
        Assert.Empty(WaitingRoom.Admitting.AdmittedSlots.Spread([slots[1]], 7));
    }

    [Fact]
    public void The_gateways_arrival_stamp_keeps_the_order_of_a_crowd_arriving_several_to_the_millisecond()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_490_000_123).AddTicks(9_000);
        var first = JoinWaitingRoomEndpoint.ArrivedAt("1764490000123.250", now);
        var second = JoinWaitingRoomEndpoint.ArrivedAt("1764490000123.750", now);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_490_000_123).AddTicks(2_500), first);
        Assert.True(first < second);
        // Whole milliseconds (an older gateway) still read; anything else, or an instant not plausible, is "now".
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_490_000_120), JoinWaitingRoomEndpoint.ArrivedAt("1764490000120", now));
        foreach (var wrong in new[] { "", "soon", "-5", "1e12", "1764490000123,5", "99999999999999999999999999", "1764400000000" })
            Assert.Equal(now, JoinWaitingRoomEndpoint.ArrivedAt(wrong, now));
    }

    [Fact]
    public void A_long_poll_answers_its_wait_after_the_gateway_received_it_not_after_the_service_got_to_it()
    {
        // Given a request the gateway received 12 s ago, asking to wait 20 s
        var arrived = Now.AddSeconds(-12);
        // Then it answers 8 s from now (its 20 s from the gateway), not 20 s from now (32 s in all: past the gateway's 30)
        Assert.Equal(Now.AddSeconds(8), Omnichannel.Appointments.WaitingRoom.Waiting.SeeTurnEndpoint.WaitUntil(arrived, 20, Now));
        // and one that queued longer than its wait answers at once
        Assert.True(Omnichannel.Appointments.WaitingRoom.Waiting.SeeTurnEndpoint.WaitUntil(Now.AddSeconds(-25), 20, Now) < Now);
        // and a stamp ahead of this clock (another host's) never makes it wait longer than asked
        Assert.Equal(Now.AddSeconds(20), Omnichannel.Appointments.WaitingRoom.Waiting.SeeTurnEndpoint.WaitUntil(Now.AddSeconds(3), 20, Now));
    }
}
