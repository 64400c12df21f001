using System.Reflection;
using FluentValidation;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.BuildingBlocks.Health;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.BuildingBlocks.OfficeDirectory;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.PersonalData;
using Microsoft.Extensions.Configuration;
using Omnichannel.BuildingBlocks.Telemetry;

namespace Omnichannel.BuildingBlocks;

/// <summary>What a service tells the building blocks about itself.</summary>
public sealed class ServiceSetup
{
    /// <summary>Short name: PostgreSQL schema, queue prefix, telemetry service name ("procedures").</summary>
    public required string Name { get; init; }

    /// <summary>The assembly holding the service's validators, consumers and gRPC services.</summary>
    public required Assembly Assembly { get; init; }

    /// <summary>Registers projections and document mappings.</summary>
    public Action<StoreOptions>? EventStore { get; init; }

    /// <summary>Which stored events leave the service as integration events (none when null).</summary>
    public Type? IntegrationEvents { get; init; }

    /// <summary>Registers the service's own checkpointed subscriptions; they run only where the async daemon runs.</summary>
    public Action<MartenServiceCollectionExtensions.MartenConfigurationExpression>? Subscriptions { get; init; }

    /// <summary>Whether the service holds citizens' data, as its personal-data declarations say (an event type of
    /// <see cref="Assembly"/> with a <c>[Personal]</c> member or naming a <c>CitizenId</c>: <see cref="PersonalFields.HoldsCitizenData"/>);
    /// it then erases it on request, and must publish, since its confirmation leaves through its outbox
    /// (PersonalDataDeclarationTests). The identity service declares only staff accounts' access.</summary>
    public bool HoldsCitizenData => holdsCitizenData ??= PersonalFields.HoldsCitizenData(Assembly);

    private bool? holdsCitizenData;

    /// <summary>Registers the service's message consumers.</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; init; }

    /// <summary>Whether the service keeps a copy of the office directory that appointments owns.</summary>
    public OfficeDirectoryCopy OfficeDirectory { get; init; }

    /// <summary>Every consumer the service registers: its own, and the shared directory copy's when it keeps one.</summary>
    public void RegisterConsumers(IBusRegistrationConfigurator bus)
    {
        Consumers?.Invoke(bus);
        // Every service that publishes (so it can confirm) erases a citizen's data on request (PersonalData/CitizenErasure.cs).
        if (IntegrationEvents is not null && HoldsCitizenData) bus.AddConsumer<CitizenErasureRequestedConsumer>();
        if (OfficeDirectory is not OfficeDirectoryCopy.Documents) return;
        bus.AddConsumer<OfficeRegisteredConsumer>();
        bus.AddConsumer<OfficeChangedConsumer>();
        bus.AddConsumer<OfficeClosedForDayConsumer>();
    }
}

public enum OfficeDirectoryCopy
{
    None,
    /// <summary>The shared <see cref="BuildingBlocks.OfficeDirectory.DirectoryOffice"/> documents and their consumers,
    /// caught up at each start.</summary>
    Documents,
    /// <summary>The service consumes the directory's events into its own streams; it only needs the catch-up.</summary>
    OwnConsumers,
}

public static class ServiceDefaults
{
    /// <summary>Everything a service shares with the others, in one call: bus, event store (and outbox),
    /// auth, tenancy and correlation, problem details, validation, telemetry, health, gRPC, OpenAPI, calendar.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceSetup setup)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        // Development and tests refuse to store an event with an undeclared string member (PersonalData).
        UndeclaredPersonalDataGuard.Enabled |= builder.Environment.IsDevelopment() || configuration.GetValue("PersonalData:RejectUndeclaredEvents", false);
        services.TryAddSingleton<Vocabulary.CouncilPhoneRegion>();
        if (setup.IntegrationEvents is { } mapper) services.AddSingleton(typeof(IIntegrationEventMapper), mapper);
        // Bus before the event store: on shutdown the outbox drains before the bus stops.
        services.AddMessageBus(configuration, setup.Name, setup.RegisterConsumers);
        services.AddEventStore(configuration, setup.Name, setup.WithOfficeDirectoryDocuments(), setup.IntegrationEvents is not null, setup.Subscriptions);
        services.AddSingleton(setup);
        if (setup.IntegrationEvents is not null) services.AddSingleton<IntegrationEventReplay>();
        services.AddSingleton<CitizenErasure>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<RetentionPolicy>();
        services.AddSingleton<Retention>();
        if (EventStoreSetup.DaemonEnabled(configuration)) services.AddHostedService<RetentionWatcher>();
        if (setup.OfficeDirectory is not OfficeDirectoryCopy.None) services.AddHostedService<OfficeDirectoryCatchUp>();

        services.AddTokenAuth(configuration);
        services.TryAddSingleton<ServiceTokens>();
        services.AddHostedService<StaffAccessCatchUp>();
        services.AddSingleton(ProblemTranslator.For(setup.Assembly)); // its ProblemTexts with the shared ones
        services.AddProblemHandling();
        services.AddValidators(setup.Assembly);
        services.AddTelemetry(configuration, setup.Name);
        services.AddHealth(configuration, usesStorage: true);
        services.AddBusinessCalendars(configuration);
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ServiceIdentityInterceptor>(); // first: an unknown caller reaches nothing
            o.Interceptors.Add<RejectionInterceptor>();
        });
        services.AddOpenApiDocuments();
        services.Configure<JsonOptions>(o =>
        {
            // Every enum as one kebab-case string, read exactly (Vocabulary/WireEnums.cs).
            o.SerializerOptions.Converters.Add(new Vocabulary.WireEnumConverter());
            // The text and date policies for every body (Http/InputPolicy.cs); a member no request has is a 400 naming it.
            o.SerializerOptions.Converters.Add(new PolicyStringConverter());
            o.SerializerOptions.Converters.Add(new PolicyDateOnlyConverter());
            o.SerializerOptions.Converters.Add(new PolicyDateTimeOffsetConverter());
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        return builder;
    }

    /// <summary>The shared middleware and endpoints: errors, auth, request context, health, metrics, OpenAPI.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseProblemHandling();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<InputPolicyMiddleware>();
        app.MapHealthEndpoints();
        app.MapTelemetryEndpoints();
        app.MapOpenApi();
        // Every service's records of a citizen, for the access export (PersonalData/PersonalDataExportService.cs).
        app.MapGrpcService<PersonalDataExportService>();
        return app;
    }

    private static Action<StoreOptions> WithOfficeDirectoryDocuments(this ServiceSetup setup) =>
        setup.OfficeDirectory is not OfficeDirectoryCopy.Documents ? setup.WithPersonalData() : options =>
        {
            setup.WithPersonalData()(options);
            // Two directory messages of one office handled at once: one save fails and its message is retried.
            options.Schema.For<DirectoryOffice>().UseOptimisticConcurrency(true);
        };

    /// <summary>The service's event store with Marten's masking rule for each event type declaring personal fields
    /// (services/BuildingBlocks/PersonalData).</summary>
    private static Action<StoreOptions> WithPersonalData(this ServiceSetup setup) => options =>
    {
        setup.EventStore?.Invoke(options);
        options.AddMaskingRules(setup.Assembly, typeof(ServiceDefaults).Assembly);
    };

    private static void AddValidators(this IServiceCollection services, Assembly assembly)
    {
        var validators = assembly.GetTypes()
            // Validators with constructor arguments are building blocks of others (e.g. a text validator with a length).
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
            services.AddSingleton(service, implementation);
    }
}
