using JasperFx;
using JasperFx.Events;
using Marten;
using JasperFx.MultiTenancy;
using Marten.Storage;
using Npgsql;
using Omnichannel.Testing;

namespace Omnichannel.Analysts.Tests;

// Events shaped like the platform's (Marten stores them as the services do: conjoined councils, string streams).
public sealed record CaseSubmitted(Guid CaseId, string CitizenId, string ProcedureCode, string Channel, int Number, double Score, bool Urgent, string? Description);
public sealed record TicketIssued(string TicketId, string OfficeId, string Line, int? ExpectedWaitMinutes, DateTimeOffset At);
public sealed record IdentityLinked(string CitizenId, string Kind, string Value, string Phone, string Email, long ChatId, string NationalId, ContactDetails Details, string Label, string HomeAddress, string Reason);
public sealed record ContactDetails(string Mobile, string FullName, string[] Emails, int Floor);

/// <summary>A database holding a known event set in two services' Marten event stores (procedures, citizens), two
/// councils, with identity values seeded where the pseudonymisation must find them.</summary>
public sealed class SeededEventStore : IAsyncLifetime
{
    public static readonly string[] IdentityValues =
    [
        "+34 600 123 456", "600123456", "anna.puig@example.cat", "987654321", "12345678Z", "X1234567L", "Anna Puig Serra",
        "jordi@example.org", "C/ Major 12, 3r", "600 12 34 56", "La meva veïna fa soroll cada nit", "cit-anna-0001",
    ];

    public string ConnectionString { get; private set; } = "";
    public int ProcedureEvents => 40;
    public int CitizenEvents => 3;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestServers.NewDatabaseAsync();
        await using (var procedures = Store("procedures"))
        {
            for (var i = 0; i < ProcedureEvents; i++)
            {
                var council = i % 4 == 0 ? "hospitalet" : "mataro";
                await using var session = procedures.LightweightSession(council);
                session.CorrelationId = $"corr-{i}";
                if (i % 2 == 0)
                    session.Events.Append($"case:{i}", new CaseSubmitted(Guid.NewGuid(), $"cit-{i % 5}", "padro-alta", i % 3 == 0 ? "phone" : "online", i, i / 3.0, i % 5 == 0, null));
                else
                    session.Events.Append($"office-day:connecta-space:2026-11-{10 + i % 3}", new TicketIssued($"P{i:000}", "connecta-space", "point-0", i % 7 == 0 ? null : i, new DateTimeOffset(2026, 11, 10, 9, i, 0, TimeSpan.Zero)));
                await session.SaveChangesAsync();
            }
        }
        await using (var citizens = Store("citizens"))
        {
            await using var session = citizens.LightweightSession("mataro");
            session.Events.Append("citizen:cit-anna-0001",
                new IdentityLinked("cit-anna-0001", "phone", "+34 600 123 456", "600123456", "anna.puig@example.cat", 987654321, "12345678Z",
                    new ContactDetails("+34 600 123 456", "Anna Puig Serra", ["jordi@example.org"], 3), "write to anna.puig@example.cat", "C/ Major 12, 3r", "La meva veïna fa soroll cada nit"),
                new IdentityLinked("cit-anna-0001", "national-id", "X1234567L", "600123456", "jordi@example.org", 987654321, "X1234567L",
                    new ContactDetails("600123456", "Anna Puig Serra", [], 0), "call me on 600 12 34 56 after five", "C/ Major 12, 3r", "moved-away"),
                new CaseSubmitted(Guid.NewGuid(), "cit-anna-0001", "queixa", "chat", 1, 0.5, false, "La meva veïna fa soroll cada nit"));
            await session.SaveChangesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public NpgsqlDataSource DataSource() => NpgsqlDataSource.Create(ConnectionString);

    private DocumentStore Store(string schema) => DocumentStore.For(o =>
    {
        o.Connection(ConnectionString);
        o.DatabaseSchemaName = schema;
        o.Events.DatabaseSchemaName = schema;
        o.Events.TenancyStyle = TenancyStyle.Conjoined;
        o.Policies.AllDocumentsAreMultiTenanted();
        o.Events.StreamIdentity = StreamIdentity.AsString;
        o.Events.MetadataConfig.CorrelationIdEnabled = true;
        o.Events.MetadataConfig.HeadersEnabled = true;
        o.AutoCreateSchemaObjects = AutoCreate.All;
    });

    /// <summary>The stored rows as PostgreSQL has them: what every export is compared with.</summary>
    public async Task<IReadOnlyList<StoredRow>> RowsAsync(string where = "true")
    {
        var rows = new List<StoredRow>();
        await using var dataSource = DataSource();
        foreach (var (service, schema) in new[] { ("procedures", "procedures"), ("citizens", "citizens") })
        {
            await using var command = dataSource.CreateCommand(
                $"select seq_id, id, stream_id, version, type, timestamp, tenant_id, correlation_id, data::text from {schema}.mt_events where {where} order by seq_id");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(new StoredRow(service, reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8)));
        }
        return rows;
    }
}

public sealed record StoredRow(string Service, long Position, Guid Id, string Stream, long Version, string Type, DateTimeOffset Time, string Tenant, string? CorrelationId, string Data);
