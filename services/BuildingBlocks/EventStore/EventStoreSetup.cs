using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Messaging;

namespace Omnichannel.BuildingBlocks.EventStore;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten for one service: its own PostgreSQL schema, one council per tenant (conjoined),
    /// schema applied at start-up, and — only where <c>Daemon:Enabled</c> is true — the async
    /// daemon in Solo mode, which also runs the outbox subscription and the service's own subscriptions. Solo because the advisory
    /// lock HotCold needs does not work with the lock package available here (see README), so
    /// exactly one process per service may enable it.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IServiceCollection services,
        IConfiguration configuration,
        string schemaName,
        Action<StoreOptions>? configure,
        bool publishesIntegrationEvents,
        Action<MartenServiceCollectionExtensions.MartenConfigurationExpression>? subscriptions = null)
    {
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");

        var marten = services.AddMarten(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = schemaName;
            options.Events.DatabaseSchemaName = schemaName;
            options.Events.TenancyStyle = TenancyStyle.Conjoined;
            options.Policies.AllDocumentsAreMultiTenanted();
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.MetadataConfig.CorrelationIdEnabled = true;
            options.Events.MetadataConfig.HeadersEnabled = true;
            // Wakes subscriptions on append instead of polling: ~10 ms instead of ~500 ms to the bus.
            options.Events.UseListenNotifyForEventAppends = true;
            // ...but the daemon sometimes misses a NOTIFY and waited for its 1 s slow poll (1% of cases in
            // tools/bench.sh); polling the high-water mark every 100 ms bounds that at a negligible cost.
            options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
            options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
            configure?.Invoke(options);
        })
        .UseLightweightSessions()
        .ApplyAllDatabaseChangesOnStartup();

        if (DaemonEnabled(configuration))
        {
            marten.AddAsyncDaemon(DaemonMode.Solo);
            if (publishesIntegrationEvents)
                marten.AddSubscriptionWithServices<OutboxSubscription>(ServiceLifetime.Singleton, o =>
                {
                    o.Options.BatchSize = 500;
                });
            subscriptions?.Invoke(marten);
        }

        services.ConfigureMarten((sp, options) => options.Logger(new SqlWithoutValuesLogger(sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<IDocumentStore>>())));
        services.AddScoped<IDocumentSession>(sp => sp.GetRequiredService<IDocumentStore>().OpenTenantSession());
        services.AddScoped<IQuerySession>(sp => sp.GetRequiredService<IDocumentStore>().QueryTenantSession());
        return marten;
    }

    /// <summary>Whether this process runs the async daemon (projections and the outbox). On by default
    /// for a single-process run; the Kubernetes API Deployment sets it false, its worker true.</summary>
    public static bool DaemonEnabled(IConfiguration configuration) =>
        configuration.GetValue("Daemon:Enabled", true);

    /// <summary>A session for the current council, stamped with the correlation id.</summary>
    public static IDocumentSession OpenTenantSession(this IDocumentStore store)
    {
        var session = store.LightweightSession(Context.RequestContext.RequiredTenantId);
        session.CorrelationId = Context.RequestContext.CorrelationId;
        return session;
    }

    public static IQuerySession QueryTenantSession(this IDocumentStore store) =>
        store.QuerySession(Context.RequestContext.RequiredTenantId);
}
