using System.CommandLine;
using System.Text.Json;
using CsvHelper;
using Npgsql;
using Omnichannel.Cli;
using Omnichannel.Cli.Analysts;
using Parquet;
using Parquet.Schema;

namespace Omnichannel.Analysts.Tests;

public sealed class ExportTests(SeededEventStore store) : IClassFixture<SeededEventStore>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("omni-export-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<(string Path, ExportResult Result)> ExportAsync(ExportFormat format, ExportFilter? filter = null, bool pseudonymise = false,
        Action<ExportProgress>? progress = null, CancellationToken cancellationToken = default, int pageSize = 7, int rowGroupSize = 5,
        int sampleWindow = EventStoreReader.SampleWindow)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.{format.ToString().ToLowerInvariant()}");
        await using var dataSource = store.DataSource();
        var result = await new Exporter(dataSource).RunAsync(new ExportOptions
        {
            Filter = filter ?? new ExportFilter(),
            Format = format,
            Pseudonymise = pseudonymise,
            PageSize = pageSize,
            RowGroupSize = rowGroupSize,
            SampleWindow = sampleWindow,
        }, () => File.Create(path), progress, cancellationToken);
        return (path, result);
    }

    [Fact]
    public async Task Ndjson_export_matches_the_stored_events_field_by_field()
    {
        var expected = await store.RowsAsync();
        var (path, result) = await ExportAsync(ExportFormat.Ndjson);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(expected.Count, lines.Length);
        Assert.Equal(expected.Count, result.Events);
        Assert.False(result.Interrupted);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var e = line.RootElement;
            var row = expected[i];
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal(row.Id, e.GetProperty("id").GetGuid());
            Assert.Equal($"/omnichannel/{row.Service}", e.GetProperty("source").GetString());
            Assert.Equal(row.Type, e.GetProperty("type").GetString());
            Assert.Equal(row.Time, e.GetProperty("time").GetDateTimeOffset());
            Assert.Equal(row.Tenant, e.GetProperty("tenantid").GetString());
            Assert.Equal(row.CorrelationId, e.TryGetProperty("correlationid", out var c) ? c.GetString() : null);
            Assert.Equal(row.Stream, e.GetProperty("stream").GetString());
            Assert.Equal(row.Version, e.GetProperty("version").GetInt64());
            Assert.Equal(row.Position, e.GetProperty("position").GetInt64());
            using var data = JsonDocument.Parse(row.Data);
            Assert.True(JsonElement.DeepEquals(data.RootElement, e.GetProperty("data")), $"data of event {row.Id}");
            var citizen = DataField(data.RootElement, "citizenId");
            Assert.Equal(citizen?.GetString(), e.TryGetProperty("subject", out var s) ? s.GetString() : null);
        }
        Assert.Equal($"citizens={expected.Where(r => r.Service == "citizens").Max(r => r.Position)},procedures={expected.Where(r => r.Service == "procedures").Max(r => r.Position)}",
            result.Position.ToString());
    }

    [Fact]
    public async Task Csv_export_is_one_flat_row_per_event_with_attributes_and_data_fields()
    {
        var expected = await store.RowsAsync();
        var (path, _) = await ExportAsync(ExportFormat.Csv);

        using var csv = CsvReader.FromFile(path);
        var i = 0;
        while (csv.Read())
        {
            var row = expected[i++];
            Assert.Equal(row.Id.ToString(), csv.GetString("id"));
            Assert.Equal(row.Type, csv.GetString("type"));
            Assert.Equal(row.Time, DateTimeOffset.Parse(csv.GetString("time")));
            Assert.Equal(row.Tenant, csv.GetString("tenantid"));
            Assert.Equal(row.Stream, csv.GetString("stream"));
            Assert.Equal(row.Position.ToString(), csv.GetString("position"));
            Assert.Equal(row.Version.ToString(), csv.GetString("version"));
            using var data = JsonDocument.Parse(row.Data);
            foreach (var header in csv.Headers.Where(h => h.StartsWith("data_")))
            {
                var field = header["data_".Length..];
                var cell = csv.GetString(header);
                if (!data.RootElement.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                    Assert.Equal("", cell);
                else if (value.ValueKind == JsonValueKind.String)
                    Assert.Equal(value.GetString(), cell);
                else if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    Assert.True(JsonElement.DeepEquals(value, JsonDocument.Parse(cell).RootElement), header);
                else
                    Assert.Equal(value.GetRawText(), cell);
            }
            // every data field has its column
            foreach (var property in data.RootElement.EnumerateObject())
                Assert.Contains("data_" + property.Name, csv.Headers);
        }
        Assert.Equal(expected.Count, i);
    }

    [Fact]
    public async Task Parquet_export_reads_back_with_typed_columns_in_row_groups()
    {
        var expected = await store.RowsAsync();
        var (path, result) = await ExportAsync(ExportFormat.Parquet, rowGroupSize: 5);

        Assert.False(result.Retyped);
        await AssertParquetMatchesAsync(path, expected);
    }

    [Fact]
    public async Task Columns_typed_from_a_sample_that_missed_a_field_are_typed_again_exactly()
    {
        // One window of one event over the citizens' three: the linked identity. The submitted case's fields are not in
        // the sampled columns, and that event starts the export again on the exact ones.
        var citizens = new ExportFilter { Services = ["citizens"] };
        var expected = (await store.RowsAsync()).Where(r => r.Service == "citizens").ToArray();
        var (path, result) = await ExportAsync(ExportFormat.Parquet, citizens, rowGroupSize: 5, sampleWindow: 1);

        Assert.True(result.Retyped);
        Assert.Equal(expected.Length, result.Events);
        await AssertParquetMatchesAsync(path, expected);

        var (csvPath, csvResult) = await ExportAsync(ExportFormat.Csv, citizens, sampleWindow: 1);
        Assert.True(csvResult.Retyped);
        using var csv = CsvReader.FromFile(csvPath);
        var rows = 0;
        while (csv.Read())
        {
            rows++;
            Assert.Contains("data_ProcedureCode", csv.Headers);
            Assert.Contains("data_Score", csv.Headers);
        }
        Assert.Equal(expected.Length, rows);
    }

    private static async Task AssertParquetMatchesAsync(string path, IReadOnlyList<StoredRow> expected)
    {
        var table = await ReadParquetAsync(path);
        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            Assert.Equal((expected.Count + 4) / 5, reader.RowGroupCount);
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
            Assert.Equal(typeof(long), fields["position"].ClrType);
            Assert.Equal(typeof(DateTime), fields["time"].ClrType);
            Assert.Equal(typeof(long), fields["data_Number"].ClrType);
            Assert.Equal(typeof(double), fields["data_Score"].ClrType);
            Assert.Equal(typeof(bool), fields["data_Urgent"].ClrType);
            Assert.True(IsString(fields["data_ProcedureCode"]));
        }
        Assert.Equal(expected.Count, table["id"].Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            Assert.Equal(row.Id.ToString(), table["id"][i]);
            Assert.Equal(row.Type, table["type"][i]);
            Assert.Equal(row.Time.UtcDateTime, (DateTime)table["time"][i]!);
            Assert.Equal(row.Tenant, table["tenantid"][i]);
            Assert.Equal(row.Stream, table["stream"][i]);
            Assert.Equal(row.Position, (long)table["position"][i]!);
            using var data = JsonDocument.Parse(row.Data);
            foreach (var (column, values) in table.Where(c => c.Key.StartsWith("data_")))
            {
                var field = column["data_".Length..];
                if (!data.RootElement.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    Assert.Null(values[i]);
                    continue;
                }
                object expectedValue = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                    JsonValueKind.Number when values[i] is long => value.GetInt64(),
                    JsonValueKind.Number when values[i] is double => value.GetDouble(),
                    _ => value.GetRawText(),
                };
                if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    Assert.True(JsonElement.DeepEquals(value, JsonDocument.Parse((string)values[i]!).RootElement), column);
                else
                    Assert.Equal(expectedValue, values[i]);
            }
        }
    }

    [Fact]
    public async Task Filters_select_by_service_type_council_stream_time_and_position()
    {
        var all = await store.RowsAsync();
        async Task<IReadOnlyList<Guid>> Ids(ExportFilter filter)
        {
            var (path, _) = await ExportAsync(ExportFormat.Ndjson, filter);
            return (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetGuid()).ToArray();
        }

        Assert.Equal(all.Where(r => r.Service == "citizens").Select(r => r.Id), await Ids(new ExportFilter { Services = ["citizens"] }));
        Assert.Equal(all.Where(r => r.Type == "ticket_issued").Select(r => r.Id), await Ids(new ExportFilter { EventTypes = ["ticket_issued"] }));
        Assert.Equal(all.Where(r => r.Tenant == "hospitalet").Select(r => r.Id), await Ids(new ExportFilter { Councils = ["hospitalet"] }));
        Assert.Equal(all.Where(r => r.Stream == "case:4").Select(r => r.Id), await Ids(new ExportFilter { Streams = ["case:4"] }));
        var procedures = all.Where(r => r.Service == "procedures").ToArray();
        var from = procedures[10].Time;
        var to = procedures[20].Time;
        Assert.Equal(all.Where(r => r.Time >= from && r.Time < to).Select(r => r.Id), await Ids(new ExportFilter { From = from, To = to }));
        var after = new Positions();
        after.Set("procedures", procedures[29].Position);
        var upTo = new Positions();
        upTo.Set("procedures", procedures[34].Position);
        Assert.Equal(procedures[30..35].Select(r => r.Id), await Ids(new ExportFilter { Services = ["procedures"], After = after, UpTo = upTo }));
        Assert.Equal(all.Where(r => r.Tenant == "mataro" && r.Type == "case_submitted" && r.Service == "procedures").Select(r => r.Id),
            await Ids(new ExportFilter { Services = ["procedures"], Councils = ["mataro"], EventTypes = ["case_submitted"] }));
    }

    [Theory]
    [InlineData(ExportFormat.Ndjson)]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Parquet)]
    public async Task Pseudonymised_export_leaves_no_identity_value_and_keeps_citizens_apart(ExportFormat format)
    {
        var (path, result) = await ExportAsync(format, pseudonymise: true);
        var text = format == ExportFormat.Parquet
            ? string.Join('\n', (await ReadParquetAsync(path)).SelectMany(c => c.Value.Select(v => v switch { null => "", DateTime d => d.ToString("O"), _ => v.ToString() })))
            : await File.ReadAllTextAsync(path);

        foreach (var identity in SeededEventStore.IdentityValues)
            Assert.DoesNotContain(identity, text);
        Assert.DoesNotContain("cit-1", text);
        Assert.Equal((await store.RowsAsync()).Count, result.Events);
        // The same citizen is one pseudonym within the export, so demand per citizen can still be studied.
        if (format == ExportFormat.Ndjson)
        {
            var subjects = File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("service").GetString() == "citizens")
                .Select(e => e.GetProperty("subject").GetString()).Distinct().ToArray();
            var pseudonym = Assert.Single(subjects);
            Assert.StartsWith("p-", pseudonym);
            // codes, kinds and counts a study needs are kept
            Assert.Contains("\"ProcedureCode\":\"queixa\"", text.Replace(" ", ""));
            Assert.Contains("moved-away", text);
            Assert.Contains("\"At\":\"2026-11-10T09:", text.Replace(" ", "")); // times are not taken for phone numbers
        }
    }

    [Theory]
    [InlineData(ExportFormat.Ndjson)]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Parquet)]
    public async Task An_interrupted_export_resumes_from_its_position_with_no_event_lost_or_repeated(ExportFormat format)
    {
        var all = await store.RowsAsync();
        using var interrupt = new CancellationTokenSource();
        var (first, stopped) = await ExportAsync(format, progress: p => { if (p.Events == 17) interrupt.Cancel(); }, cancellationToken: interrupt.Token);
        Assert.True(stopped.Interrupted);
        Assert.Equal(17, stopped.Events);

        var (second, finished) = await ExportAsync(format, new ExportFilter { After = stopped.Position });
        Assert.False(finished.Interrupted);

        var ids = (await IdsAsync(format, first)).Concat(await IdsAsync(format, second)).ToArray();
        Assert.Equal(all.Select(r => r.Id.ToString()), ids);
    }

    [Fact]
    public async Task The_analysts_role_from_grants_can_export_and_cannot_write()
    {
        var role = $"analyst_{Guid.NewGuid():N}"[..20];
        var builder = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        await using (var admin = store.DataSource())
        await using (var grant = admin.CreateCommand(AnalystGrants.Sql(role, builder.Database!, "analyst-pass-1")))
            await grant.ExecuteNonQueryAsync();

        var analyst = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Username = role, Password = "analyst-pass-1" }.ConnectionString;
        var path = Path.Combine(folder, "as-analyst.ndjson");
        var (code, _, error) = await CliAsync("export", "--connection", analyst, "--output", path, "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal((await store.RowsAsync()).Count, File.ReadLines(path).Count());

        await using var asAnalyst = NpgsqlDataSource.Create(analyst);
        await using var write = asAnalyst.CreateCommand("delete from procedures.mt_events");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
        Assert.Contains(refused.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.ReadOnlySqlTransaction });
    }

    [Theory]
    [InlineData("unknown service", "--service", "parking")]
    [InlineData("unknown event type", "--service", "procedures", "--type", "case_teleported")]
    [InlineData("inverted", "--from", "2027-01-02T00:00:00Z", "--to", "2027-01-01T00:00:00Z")]
    [InlineData("beyond the end", "--service", "procedures", "--after", "999999")]
    [InlineData("beyond the end", "--service", "procedures", "--up-to", "999999")]
    [InlineData("not an instant", "--from", "yesterday")]
    public async Task Bad_input_is_a_clear_message_and_a_non_zero_exit(string expectedWords, params string[] arguments)
    {
        var path = Path.Combine(folder, "bad.ndjson");
        var (code, _, error) = await CliAsync(["export", "--connection", store.ConnectionString, "--output", path, "--quiet", .. arguments]);
        Assert.Equal(2, code);
        Assert.Contains(expectedWords, error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task An_existing_output_is_kept_unless_overwrite_is_given()
    {
        var path = Path.Combine(folder, "kept.ndjson");
        await File.WriteAllTextAsync(path, "an analyst's earlier file\n");

        var (code, _, error) = await CliAsync("export", "--connection", store.ConnectionString, "--output", path, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("exists", error);
        Assert.Equal("an analyst's earlier file\n", await File.ReadAllTextAsync(path));

        (code, _, error) = await CliAsync("export", "--connection", store.ConnectionString, "--output", path, "--overwrite", "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal((await store.RowsAsync()).Count, File.ReadLines(path).Count());
    }

    [Fact]
    public async Task An_unwritable_output_is_a_clear_message_and_a_non_zero_exit()
    {
        var (code, _, error) = await CliAsync("export", "--connection", store.ConnectionString, "--output", Path.Combine(folder, "no-such-folder", "x.ndjson"), "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("Cannot write the output", error);
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<IReadOnlyList<string>> IdsAsync(ExportFormat format, string path)
    {
        switch (format)
        {
            case ExportFormat.Ndjson:
                return (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToArray();
            case ExportFormat.Csv:
                using (var csv = CsvReader.FromFile(path))
                {
                    var ids = new List<string>();
                    while (csv.Read()) ids.Add(csv.GetString("id"));
                    return ids;
                }
            default:
                return (await ReadParquetAsync(path))["id"].Select(v => (string)v!).ToArray();
        }
    }

    private static JsonElement? DataField(JsonElement data, string name) =>
        data.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    /// <summary>Every column of a Parquet file, read back through Parquet.Net with its own type.</summary>
    private static async Task<Dictionary<string, List<object?>>> ReadParquetAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        var table = fields.ToDictionary(f => f.Name, _ => new List<object?>());
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            foreach (var field in fields)
            {
                var column = table[field.Name];
                if (IsString(field))
                {
                    var values = new string?[n];
                    await group.ReadAsync(field, values.AsMemory());
                    column.AddRange(values);
                }
                else if (field.ClrType == typeof(long)) column.AddRange(field.IsNullable ? await ReadNullable<long>(group, field, n) : await Read<long>(group, field, n));
                else if (field.ClrType == typeof(double)) column.AddRange(await ReadNullable<double>(group, field, n));
                else if (field.ClrType == typeof(bool)) column.AddRange(await ReadNullable<bool>(group, field, n));
                else if (field.ClrType == typeof(DateTime)) column.AddRange(await Read<DateTime>(group, field, n));
                else throw new InvalidOperationException($"unexpected column type {field.ClrType} of {field.Name}");
            }
        }
        return table;
    }

    // Parquet.Net 6 reports its string columns as ReadOnlyMemory<char>; they read back as strings.
    private static bool IsString(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static async Task<IEnumerable<object?>> Read<T>(ParquetRowGroupReader group, DataField field, int n) where T : struct
    {
        var values = new T[n];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values.Select(v => (object?)v);
    }

    private static async Task<IEnumerable<object?>> ReadNullable<T>(ParquetRowGroupReader group, DataField field, int n) where T : struct
    {
        var values = new T?[n];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values.Select(v => v is { } x ? (object?)x : null);
    }
}
