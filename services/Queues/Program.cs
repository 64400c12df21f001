using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks;
using Omnichannel.Queues.DemandBoard;
using Omnichannel.Queues.Desks;
using Omnichannel.Queues.Display;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Statistics;
using Omnichannel.Queues.Tickets;

namespace Omnichannel.Queues;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(QueuesService.Setup);
        builder.AddQueuesServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOfficesApi();
        app.MapTicketsApi();
        app.MapAccessLog("/api/queues");
        app.MapDesksApi();
        app.MapDisplayFeed();
        app.MapDemandBoard();
        app.MapBoardChanges();
        app.MapStatistics();
        app.MapGrpcService<Grpc.TicketDispenserService>();
        app.Run();
    }
}
