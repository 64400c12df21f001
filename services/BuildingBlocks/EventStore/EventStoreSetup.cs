using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omnichannel.BuildingBlocks.Health;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.BuildingBlocks.Reliability;

namespace Omnichannel.BuildingBlocks.EventStore;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten for one service: its own PostgreSQL schema, one council per tenant (conjoined),
    /// schema applied at start-up, and — only where <c>Daemon:Enabled</c> is true — the async
    /// daemon in HotCold mode, which also runs the outbox subscription and the service's own subscriptions.
    /// HotCold: every such process may run the daemon; each projection or subscription runs in one process at a
    /// time under its own PostgreSQL advisory lock, and a standby takes it over within
    /// <see cref="DaemonOptions.LeadershipPollingTime"/> when its holder dies. A holder that hangs keeps its lock:
    /// <see cref="DaemonWatchdog"/> restarts what makes no progress.
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

        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddOptions<DaemonOptions>().Bind(configuration.GetSection(DaemonOptions.Section));
        var daemonOptions = configuration.GetSection(DaemonOptions.Section).Get<DaemonOptions>() ?? new DaemonOptions();
        if (!daemonOptions.IsValid())
            throw new InvalidOperationException("Daemon:PollEvery must be positive and Daemon:IdlePollEvery at least as long.");

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
            // Wakes subscriptions on append instead of polling: ~10 ms instead of ~500 ms to the bus
            // (`Daemon:WakeOnAppend`, on unless a service turns it off).
            options.Events.UseListenNotifyForEventAppends = daemonOptions.WakeOnAppend;
            // ...but the daemon sometimes misses a NOTIFY and waited for its 1 s slow poll (1% of cases in
            // tools/bench.sh); polling the high-water mark every 100 ms bounds that (`Daemon:PollEvery`,
            // `Daemon:IdlePollEvery`: a service that wakes its daemon on its own appends may poll less when idle).
            options.Projections.FastPollingTime = daemonOptions.PollEvery;
            options.Projections.SlowPollingTime = daemonOptions.IdlePollEvery;
            if (daemonOptions.WakeOnLocalAppend && !daemonOptions.WakeOnAppend)
            {
                var wakeup = new LocalAppendWakeup(daemonOptions.PollEvery, TimeProvider.System);
                options.Projections.Wakeup = wakeup;
                options.Listeners.Add(wakeup);
            }
            options.Projections.LeadershipPollingTime = (int)daemonOptions.LeadershipPollingTime.TotalMilliseconds;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
            // The access log's repeat window, shared by the service's replicas (PersonalData.AccessLog).
            options.Schema.For<PersonalData.AccessLogLastRead>().Index(r => r.At);
            configure?.Invoke(options);
        })
        .UseLightweightSessions()
        .ApplyAllDatabaseChangesOnStartup();

        if (DaemonEnabled(configuration))
        {
            marten.AddAsyncDaemon(DaemonMode.HotCold);
            if (publishesIntegrationEvents)
                marten.AddSubscriptionWithServices<OutboxSubscription>(ServiceLifetime.Singleton, o =>
                {
                    o.Options.BatchSize = 500;
                });
            subscriptions?.Invoke(marten);

            services.AddSingleton(new DaemonWatchdogTarget(connectionString, schemaName, publishesIntegrationEvents));
            services.AddSingleton<DaemonWatchdog>();
            services.AddHostedService(sp => sp.GetRequiredService<DaemonWatchdog>());
            if (publishesIntegrationEvents)
                services.AddHealthChecks().AddCheck<OutboxLagHealthCheck>(OutboxLagHealthCheck.Name, tags: [HealthSetup.ReadyTag, HealthSetup.InformationalTag]);
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
