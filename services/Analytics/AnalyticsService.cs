using Npgsql;
using Omnichannel.BuildingBlocks;

namespace Omnichannel.Analytics;

/// <summary>How the analytics service plugs into the building blocks: its own (empty) schema; it writes no events and
/// reads the other services' event tables through one data source.</summary>
public static class AnalyticsService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "analytics",
        Assembly = typeof(AnalyticsService).Assembly,
    };

    public static WebApplicationBuilder AddAnalyticsServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");
        // Reads only: a deployment may give this service the analysts' read-only role (Omnichannel.Cli grants).
        builder.Services.AddSingleton(_ => new AnalyticsDatabase(NpgsqlDataSource.Create(
            builder.Configuration.GetConnectionString("Analytics") ?? connectionString)));
        builder.Services.Configure<AnalyticsOptions>(builder.Configuration.GetSection(AnalyticsOptions.Section));
        return builder;
    }
}

/// <summary>The data source the analytics read through (ConnectionStrings:Analytics, else the services' one).</summary>
public sealed record AnalyticsDatabase(NpgsqlDataSource DataSource);

public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>Published cells standing on fewer contacts than this are suppressed.</summary>
    public int MinCell { get; set; } = 10;
}
