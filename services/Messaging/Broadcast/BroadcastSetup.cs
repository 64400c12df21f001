using JasperFx.Events.Projections;
using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.Messaging.Broadcast.Alerts;
using Omnichannel.Messaging.Broadcast.Delivery;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Broadcast.Pacing;
using Omnichannel.Messaging.Broadcast.Topics;

namespace Omnichannel.Messaging.Broadcast;

/// <summary>The broadcast lists' part of the messaging service: topics, members, alerts and campaigns.</summary>
public static class BroadcastSetup
{
    public static void Schema(StoreOptions options)
    {
        options.Projections.Add<SubscriberProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Topic>().UseOptimisticConcurrency(true);
        options.Schema.For<TopicSubscriber>().Index(s => s.Topic);
        options.Schema.For<BroadcastOptOut>();
        options.Schema.For<Alert>().UseOptimisticConcurrency(true);
        options.Schema.For<AlertRecipient>().Index(r => r.AlertId).Index(r => r.ProviderMessageId);
        options.Schema.For<Campaigns.CaseHolder>().Index(c => c.ProcedureCode);
    }

    public static void Consumers(MassTransit.IBusRegistrationConfigurator bus) => bus.AddConsumer<Campaigns.CaseSubmittedAudience>();

    public static WebApplicationBuilder AddBroadcast(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BroadcastOptions>().Bind(builder.Configuration.GetSection(BroadcastOptions.Section))
            .Validate(o => o.IsValid(), "Messaging:Broadcast: limits must be positive, PageSize 1–5000, MaxInFlight 1–1000, Margin 0–0.5.")
            .ValidateOnStart();
        services.AddSingleton<MembershipInbound>();
        services.AddSingleton<ChannelPacer>();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<AlertRun>();
        services.AddScoped<AlertReports>();
        services.AddScoped<Campaigns.CampaignAudience>();
        if (EventStoreSetup.DaemonEnabled(builder.Configuration)) services.AddHostedService<AlertDispatcher>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBroadcastApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/messaging").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        var topics = staff.MapGroup("/topics").WithTags("Broadcast");
        topics.MapGet("/", TopicEndpoints.List).WithName("ListTopics")
            .WithSummary("The council's broadcast topics with their names and descriptions in ca/es/en and how many are on each list (staff).")
            .Produces<List<TopicView>>();
        topics.MapPost("/", TopicEndpoints.Create).WithName("CreateTopic")
            .WithSummary("Adds a topic citizens can join with ALTA/JOIN <code or name>; a name another topic answers to is a 409 (staff).")
            .Validate<TopicRequest>().Produces<TopicView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        topics.MapPut("/{code}", TopicEndpoints.Rename).WithName("RenameTopic").TakesIfMatch()
            .WithSummary("Renames a topic and rewrites its descriptions (staff; If-Match: the topic's revision).")
            .Validate<TopicRequest>().Produces<TopicView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        topics.MapPost("/{code}/retirement", TopicEndpoints.Retire).WithName("RetireTopic").TakesIfMatch()
            .WithSummary("Retires a topic: no new members, no new alerts; members may still leave (staff; If-Match: the topic's revision).")
            .Produces<TopicView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/messaging/alert-topics", OpenTopics.ListOpenTopicsEndpoint.Handle).WithName("ListOpenAlertTopics").WithTags("Broadcast")
            .RequireAuthorization(OmnichannelRoles.AnyClientPolicy)
            .WithSummary("The topics a citizen may join (not retired), with the words to send from their own chat to join or leave (any client).")
            .Produces<List<OpenTopics.OpenTopic>>();

        var alerts = staff.MapGroup("/alerts").WithTags("Broadcast");
        alerts.MapPost("/", AlertEndpoints.SendAlert).WithName("SendAlert")
            .WithSummary("Sends an alert to a topic's list, each member in their language, paced to each channel's limits (staff).")
            .Validate<AlertRequest>().Produces<AlertView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        alerts.MapGet("/", AlertEndpoints.List).WithName("ListAlerts")
            .WithSummary("The council's latest 50 alerts and campaigns with their progress (staff).")
            .Produces<List<AlertView>>();
        alerts.MapGet("/{alertId:guid}", AlertEndpoints.Get).WithName("GetAlert")
            .WithSummary("An alert's progress: recipients, sent, delivered, read, failed, blocked (staff).")
            .Produces<AlertView>().ProducesProblem(StatusCodes.Status404NotFound);

        var campaigns = staff.MapGroup("/campaigns").WithTags("Broadcast");
        campaigns.MapPost("/", AlertEndpoints.SendCampaign).WithName("SendCampaign")
            .WithSummary("A proactive campaign (\"pop-up service\") to a topic's list, or to the citizens who had a case of a procedure submitted between from and to (each on their chat, else by SMS), through the same paced delivery; opted-out identities are skipped (staff).")
            .Validate<CampaignRequest>().Produces<AlertView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        campaigns.MapGet("/{alertId:guid}", AlertEndpoints.Get).WithName("GetCampaign")
            .WithSummary("A campaign's progress: recipients, sent, delivered, read, failed, blocked (staff).")
            .Produces<AlertView>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
