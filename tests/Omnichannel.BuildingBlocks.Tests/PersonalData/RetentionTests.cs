using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Tests.Outbox;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.PersonalData;

/// <summary>A chat line of a test service: its text is personal, its channel is not.</summary>
public sealed record ChatLineWritten(Guid CitizenId, [Personal] string Text, [NotPersonal] string Channel);

/// <summary>A council's own words (as keywords are): never scrubbed, whatever a citizen typed.</summary>
[NotPersonal]
public sealed class CouncilWords
{
    public string Id { get; set; } = "";
    public List<string> Words { get; set; } = [];
}

/// <summary>A read model's copy of a chat line, with a map keyed by words.</summary>
public sealed class ChatLineCopy
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public Dictionary<string, string> ByWord { get; set; } = [];
}

/// <summary>Retention per council and kind on a fake clock: a dry run reports and masks nothing; a pass masks exactly
/// the streams past their period, and only their personal fields.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Retention_reports_first_then_masks_exactly_the_streams_past_their_period()
    {
        await using var service = await PingService.StartAsync();
        var conversation = $"conversation:{Guid.NewGuid():N}";
        var incident = $"incident:{Guid.NewGuid():N}";
        var elsewhere = $"conversation:{Guid.NewGuid():N}";
        await AppendAsync(service.Store, "mataro", conversation, "El meu telèfon és el 612 345 678");
        await AppendAsync(service.Store, "mataro", incident, "Fanal trencat davant de casa");
        await AppendAsync(service.Store, "badalona", elsewhere, "Una altra ciutat, sense període");

        var configuration = new ConfigurationBuilder().AddConfiguration(service.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalData:Retention:mataro:conversation"] = "365",
            ["PersonalData:Retention:mataro:incident"] = "1825",
        }).Build();
        var clock = new ShiftedClock { Offset = TimeSpan.FromDays(400) };
        var retention = new Retention(service.Store, service.Services.GetRequiredService<ServiceSetup>(), new RetentionPolicy(configuration), clock, configuration);

        var dryRun = await retention.RunAsync(dryRun: true, CancellationToken.None);
        Assert.True(dryRun.DryRun);
        Assert.Equal([conversation], dryRun.Items.Select(i => i.Stream));
        Assert.Equal("El meu telèfon és el 612 345 678", await TextAsync(service.Store, "mataro", conversation));

        var pass = await retention.RunAsync(dryRun: false, CancellationToken.None);
        Assert.Equal([conversation], pass.Items.Select(i => i.Stream));
        Assert.Equal(PersonalFields.Masked, await TextAsync(service.Store, "mataro", conversation));
        Assert.Equal("telegram", (await LineAsync(service.Store, "mataro", conversation)).Channel);
        Assert.Equal("Fanal trencat davant de casa", await TextAsync(service.Store, "mataro", incident));
        Assert.Equal("Una altra ciutat, sense període", await TextAsync(service.Store, "badalona", elsewhere));
        Assert.Empty((await retention.RunAsync(dryRun: true, CancellationToken.None)).Items);

        clock.Offset = TimeSpan.FromDays(1900);
        Assert.Equal([incident], (await retention.RunAsync(dryRun: false, CancellationToken.None)).Items.Select(i => i.Stream));
        Assert.Equal(PersonalFields.Masked, await TextAsync(service.Store, "mataro", incident));
    }

    [Fact]
    public async Task Retention_blanks_the_councils_copies_of_a_value_and_leaves_its_own_words_keys_and_other_councils_rows()
    {
        await using var service = await PingService.StartAsync();
        var conversation = $"conversation:{Guid.NewGuid():N}";
        // Short, as a keyword typed alone is: only a whole value is blanked, never a key.
        var word = $"h{Guid.NewGuid():N}"[..7];
        await AppendAsync(service.Store, "mataro", conversation, word);
        await using (var mataro = service.Store.LightweightSession("mataro"))
        {
            mataro.Store(new CouncilWords { Id = conversation, Words = [word] });
            mataro.Store(new ChatLineCopy { Id = conversation, Text = word, ByWord = { [word] = "seen" } });
            await mataro.SaveChangesAsync();
        }
        await using (var badalona = service.Store.LightweightSession("badalona"))
        {
            badalona.Store(new ChatLineCopy { Id = conversation, Text = word });
            await badalona.SaveChangesAsync();
        }
        var configuration = new ConfigurationBuilder().AddConfiguration(service.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalData:Retention:mataro:conversation"] = "365",
        }).Build();
        var retention = new Retention(service.Store, service.Services.GetRequiredService<ServiceSetup>(), new RetentionPolicy(configuration),
            new ShiftedClock { Offset = TimeSpan.FromDays(400) }, configuration);

        Assert.Contains(conversation, (await retention.RunAsync(dryRun: false, CancellationToken.None)).Items.Select(i => i.Stream));

        await using (var mataro = service.Store.QuerySession("mataro"))
        {
            var copy = (await mataro.LoadAsync<ChatLineCopy>(conversation))!;
            Assert.Equal(PersonalFields.Masked, copy.Text);
            Assert.Equal([word], copy.ByWord.Keys);
            Assert.Equal([word], (await mataro.LoadAsync<CouncilWords>(conversation))!.Words);
        }
        await using var other = service.Store.QuerySession("badalona");
        Assert.Equal(word, (await other.LoadAsync<ChatLineCopy>(conversation))!.Text);
    }

    private static async Task AppendAsync(IDocumentStore store, string council, string stream, string text)
    {
        await using var session = store.LightweightSession(council);
        session.Events.StartStream(stream, new ChatLineWritten(Guid.NewGuid(), text, "telegram"));
        await session.SaveChangesAsync();
    }

    private static async Task<ChatLineWritten> LineAsync(IDocumentStore store, string council, string stream)
    {
        await using var session = store.QuerySession(council);
        return (ChatLineWritten)(await session.Events.FetchStreamAsync(stream)).Single().Data;
    }

    private static async Task<string> TextAsync(IDocumentStore store, string council, string stream) => (await LineAsync(store, council, stream)).Text;
}
