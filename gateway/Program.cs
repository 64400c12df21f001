using Omnichannel.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayDefaults();
builder.AddGatewayProxy();

var app = builder.Build();

app.UseGatewayPipeline();
app.MapGatewayEndpoints();
app.MapApiReference();
app.MapGatewayProxy();
// The citizen web's short address: citizens type <origin>/web and land on its pages (served by the console app).
app.MapGet("/web", () => Results.Redirect("/console/web")).AllowAnonymous().ExcludeFromDescription();

app.Run();

/// <summary>Visible to the end-to-end tests (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
