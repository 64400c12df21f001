using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.BuildingBlocks.Tests.PersonalData;

public sealed class AccessLogChainTests
{
    private static List<PersonalDataRead> Chain(int count)
    {
        var entries = new List<PersonalDataRead>();
        var previous = AccessLogChain.Genesis;
        for (var n = 1; n <= count; n++)
        {
            var citizen = Guid.NewGuid();
            var at = new DateTimeOffset(2026, 11, 30, 9, n, 0, TimeSpan.Zero);
            var hash = AccessLogChain.HashOf(previous, n, citizen, "staff-ana", "citizen-history", "citizen-request", at);
            entries.Add(new PersonalDataRead(n, citizen, "staff-ana", "citizen-history", "citizen-request", at, previous, hash));
            previous = hash;
        }
        return entries;
    }

    [Fact]
    public void An_untouched_log_verifies() => Assert.Null(AccessLogChain.FirstBroken(Chain(5)));

    [Fact]
    public void An_edited_entry_breaks_the_chain_at_that_entry()
    {
        var log = Chain(5);
        log[2] = log[2] with { Who = "someone-else" };

        Assert.Equal(3, AccessLogChain.FirstBroken(log));
    }

    [Fact]
    public void A_removed_entry_breaks_the_chain_where_it_was()
    {
        var log = Chain(5);
        log.RemoveAt(1);

        Assert.Equal(2, AccessLogChain.FirstBroken(log));
    }

    [Fact]
    public void An_edited_entry_with_its_hash_recomputed_still_breaks_the_next_link()
    {
        var log = Chain(5);
        var forged = log[1] with { Why = "legal-obligation" };
        log[1] = forged with { Hash = AccessLogChain.HashOf(forged.PreviousHash, forged.Number, forged.CitizenId, forged.Who, forged.What, forged.Why, forged.At) };

        Assert.Equal(3, AccessLogChain.FirstBroken(log));
    }
}
