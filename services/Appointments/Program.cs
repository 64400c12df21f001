using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Callbacks;
using Omnichannel.Appointments.Grpc;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.WaitingRoom;
using Omnichannel.Appointments.WaitingList.Joining;
using Omnichannel.BuildingBlocks;

namespace Omnichannel.Appointments;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(AppointmentsService.Setup);
        builder.AddAppointmentsServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapOfficesApi();
        app.MapCallbacksApi();
        app.MapAppointmentsApi();
        app.MapAccessLog("/api/appointments");
        app.MapWaitingRoomApi();
        app.MapWaitingListApi();
        app.MapGrpcService<AppointmentBookService>();
        app.Run();
    }
}
