using Omnichannel.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayDefaults();
builder.AddGatewayProxy();

var app = builder.Build();

app.UseGatewayPipeline();
app.MapGatewayEndpoints();
app.MapApiReference();
app.MapGatewayProxy();

app.Run();

/// <summary>Visible to the end-to-end tests (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
