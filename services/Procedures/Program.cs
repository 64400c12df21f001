using Omnichannel.BuildingBlocks;
using Omnichannel.Procedures;
using Omnichannel.Procedures.Campaigns;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ProceduresService.Setup);
builder.AddProceduresServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCatalogueApi();
app.MapCampaignsApi();
app.MapCasesApi();
app.MapGrpcService<ProcedureCatalogueService>();
app.Run();
