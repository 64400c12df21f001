using Omnichannel.BuildingBlocks;
using Omnichannel.Citizens;
using Omnichannel.Citizens.Grpc;
using Omnichannel.Citizens.History;
using Omnichannel.Citizens.Registration;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CitizensService.Setup);
builder.AddCitizensServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCitizensApi();
app.MapHistoryApi();
app.MapGrpcService<CitizenDirectoryService>();
app.Run();
