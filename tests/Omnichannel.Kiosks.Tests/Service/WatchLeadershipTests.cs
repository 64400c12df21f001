using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Kiosks.Watch;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>The offline and session watch run by one replica at a time (a PostgreSQL advisory lock on the service's
/// own database), and another replica takes over once the leader is gone.</summary>
public sealed class WatchLeadershipTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    [Fact]
    public async Task Only_one_replica_leads_the_watch_and_another_takes_over_when_the_leader_lets_go()
    {
        var first = ActivatorUtilities.CreateInstance<KioskWatch>(host.Kiosks.Services);
        var second = ActivatorUtilities.CreateInstance<KioskWatch>(host.Kiosks.Services);
        try
        {
            Assert.True(await first.TryLeadAsync(CancellationToken.None));
            Assert.False(await second.TryLeadAsync(CancellationToken.None));
            Assert.True(await first.TryLeadAsync(CancellationToken.None)); // it keeps the lead it has

            await first.LetGoAsync(); // as its connection closing when the replica dies

            Assert.True(await second.TryLeadAsync(CancellationToken.None));
            Assert.False(await first.TryLeadAsync(CancellationToken.None));
        }
        finally
        {
            await first.LetGoAsync();
            await second.LetGoAsync();
        }
    }
}
