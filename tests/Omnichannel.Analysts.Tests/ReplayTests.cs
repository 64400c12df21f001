using System.CommandLine;
using Marten;
using Npgsql;
using Omnichannel.Cli;
using Omnichannel.Cli.Replay;
using Cases = Omnichannel.Procedures.Cases;
using Omnichannel.Testing;

namespace Omnichannel.Analysts.Tests;

/// <summary>Cases written through a store configured exactly as the procedures service configures its own (its
/// ServiceSetup through the building blocks), so the live read model is what the service's inline projection wrote.</summary>
public sealed class LiveCases : IAsyncLifetime
{
    public const string Projection = "CaseView";
    public const string Table = "procedures.mt_doc_caseview";

    public string ConnectionString { get; private set; } = "";
    public DocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestServers.NewDatabaseAsync();
        Store = ServiceStores.Build(ServiceStores.SetupOf("procedures"), ConnectionString);
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        for (var i = 0; i < 30; i++) await WriteCaseAsync(i);
    }

    /// <summary>A case submitted and moved along, as the service's endpoints append it (at the stream's version).</summary>
    public async Task WriteCaseAsync(int i)
    {
        var council = i % 3 == 0 ? "hospitalet" : "mataro";
        var caseId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i);
        await using var session = Store.LightweightSession(council);
        var stream = $"case:{caseId}";
        session.Events.StartStream(stream, new Cases.CaseSubmitted(caseId, $"T-{i:0000}", "padro-alta", Guid.NewGuid(), i % 2 == 0 ? "online" : "phone", "alta al padró", at));
        await session.SaveChangesAsync();
        if (i % 2 == 0) return;
        await using var next = Store.LightweightSession(council);
        next.Events.Append(stream, 2, new Cases.CaseStatusChanged(caseId, $"T-{i:0000}", "padro-alta", null, Cases.CaseStatus.InReview, "checking the documents", at.AddHours(1), "agent"));
        await next.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<(string Council, string Id, string Data)>> ReadModelAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select tenant_id, id, data::text from {Table} order by tenant_id, id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

/// <summary>`replay`: a projection replayed from the events gives the live read model back; a tampered row is found
/// and repaired; bad input is one line and exit 2. One test class: they change the same read model in turn.</summary>
public sealed class ReplayTests(LiveCases cases) : IClassFixture<LiveCases>
{
    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliRoot.Create().Parse([.. args, "--connection", cases.ConnectionString, "--quiet"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Replay_finds_projections_from_the_services_configuration_rebuilds_them_and_reports_tampered_rows()
    {
        // The projections are found in the service's own Marten configuration.
        var list = new StringWriter();
        var listed = await CliRoot.Create().Parse(["replay", "list", "--service", "procedures"]).InvokeAsync(new InvocationConfiguration { Output = list });
        Assert.Equal(0, listed);
        Assert.Contains(LiveCases.Projection, list.ToString());
        Assert.Contains("inline", list.ToString());

        // A healthy read model: its replay is the same, row for row.
        var (code, output, error) = await CliAsync("replay", "compare", "--service", "procedures", "--projection", LiveCases.Projection);
        Assert.True(code == 0, output + error);
        Assert.Contains("No difference", output);

        // A rebuild in place gives the same read model as the live one.
        var before = await cases.ReadModelAsync();
        Assert.True(before.Count >= 30);
        (code, output, error) = await CliAsync("replay", "rebuild", "--service", "procedures", "--projection", LiveCases.Projection);
        Assert.True(code == 0, output + error);
        Assert.Contains("0 replaced, 0 added, 0 removed", output);
        Assert.Equal(before, await cases.ReadModelAsync());

        // A tampered row and a lost row are reported by the comparison…
        var tampered = before[4];
        var lost = before[7];
        await cases.ExecuteAsync($"update {LiveCases.Table} set data = jsonb_set(data, '{{Channel}}', '\"kiosk\"') where tenant_id = '{tampered.Council}' and id = '{tampered.Id}'");
        await cases.ExecuteAsync($"delete from {LiveCases.Table} where tenant_id = '{lost.Council}' and id = '{lost.Id}'");
        (code, output, error) = await CliAsync("replay", "compare", "--service", "procedures", "--projection", LiveCases.Projection);
        Assert.True(code == 1, output + error);
        Assert.Contains("2 rows differ", output);
        Assert.Contains(tampered.Id, output);
        Assert.Contains("\"kiosk\"", output);
        Assert.Contains(lost.Id, output);
        Assert.Contains("only replayed", output);

        // …and repaired by a rebuild, leaving the other rows as they were.
        (code, output, error) = await CliAsync("replay", "rebuild", "--service", "procedures", "--projection", LiveCases.Projection);
        Assert.True(code == 0, output + error);
        Assert.Contains("1 replaced, 1 added, 0 removed", output);
        Assert.Equal(before, await cases.ReadModelAsync());
        (code, output, _) = await CliAsync("replay", "compare", "--service", "procedures", "--projection", LiveCases.Projection);
        Assert.Equal(0, code);

        // No scratch schema and no progress row of the replays is left behind.
        await using var connection = new NpgsqlConnection(cases.ConnectionString);
        await connection.OpenAsync();
        await using var leftovers = new NpgsqlCommand("""
            select (select count(*) from pg_namespace where nspname like 'replay\_%')
                 + (select count(*) from procedures.mt_event_progression where name like 'replay\_%')
            """, connection);
        Assert.Equal(0L, (long)(await leftovers.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_rebuild_while_the_service_writes_leaves_the_read_model_its_events_give()
    {
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 1000; !writing.IsCancellationRequested; i++) await cases.WriteCaseAsync(i);
        });
        try
        {
            var (code, output, error) = await CliAsync("replay", "rebuild", "--service", "procedures", "--projection", LiveCases.Projection);
            Assert.True(code == 0, output + error);
        }
        finally
        {
            writing.Cancel();
            await writer;
        }
        var (compared, compareOutput, compareError) = await CliAsync("replay", "compare", "--service", "procedures", "--projection", LiveCases.Projection);
        Assert.True(compared == 0, compareOutput + compareError);
    }

    [Theory]
    [InlineData("--service", "parking", "--projection", "CaseView", "Unknown service 'parking'")]
    [InlineData("--service", "procedures", "--projection", "ParkingView", "Unknown projection 'ParkingView' in procedures. Projections: ")]
    public async Task Unknown_service_or_projection_is_one_line_and_exit_2(string o1, string service, string o2, string projection, string message)
    {
        foreach (var verb in new[] { "compare", "rebuild" })
        {
            var (code, _, error) = await CliAsync("replay", verb, o1, service, o2, projection);
            Assert.Equal(2, code);
            Assert.StartsWith(message, error.Trim());
        }
    }
}
