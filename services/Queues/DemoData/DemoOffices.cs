using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;

namespace Omnichannel.Queues.DemoData;

/// <summary>
/// The seeds' offices, loaded for each council in <c>DemoData:Tenants</c> when <c>DemoData:Enabled</c> is true,
/// through the same decision staff use; idempotent. Mataró Connecta Space (plaça de la Muralla) with Point 0,
/// the general line, the appointment line and a priority line; L'Hospitalet's pilot office (carrer de Girona),
/// whose welcome zone routes to assisted attention or appointments.
/// </summary>
public sealed class DemoOffices(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<DemoOffices> logger) : IHostedService
{
    public static IReadOnlyList<ConfigureOffice> Offices(DateTimeOffset at) =>
    [
        new("mataro-connecta", new LocalizedText("Mataró Connecta Espai (plaça de la Muralla)", "Mataró Connecta Espacio (plaza de la Muralla)", "Mataró Connecta Space (plaça de la Muralla)"),
        [
            Line(ServiceLines.Point0, "P", "Punt 0", "Punto 0", "Point 0"),
            Line(ServiceLines.General, "G", "Atenció general", "Atención general", "General attention"),
            Line(ServiceLines.Appointment, "C", "Cita prèvia", "Cita previa", "Appointments"),
            Line(ServiceLines.Priority, "A", "Atenció preferent", "Atención preferente", "Priority attention"),
        ], OfficeRules.Default, at, "demo-data"),
        new("hospitalet-girona", new LocalizedText("Oficina d'atenció ciutadana (carrer de Girona)", "Oficina de atención ciudadana (calle Girona)", "Citizen assistance office (carrer de Girona)"),
        [
            Line(ServiceLines.General, "G", "Atenció assistida", "Atención asistida", "Assisted attention"),
            Line(ServiceLines.Appointment, "C", "Cita prèvia", "Cita previa", "Appointments"),
        ], OfficeRules.Default with { WalkInWaitThresholdMinutes = 45 }, at, "demo-data"),
    ];

    private static LineDefinition Line(string line, string prefix, string ca, string es, string en) => new(line, prefix, new LocalizedText(ca, es, en));

    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        var tenants = configuration.GetSection("DemoData:Tenants").Get<string[]>() is { Length: > 0 } t ? t : ["mataro"];
        foreach (var tenant in tenants)
        {
            using var context = RequestContext.Begin(tenant, null);
            foreach (var office in Offices(clock.GetUtcNow()))
            {
                await using var session = store.OpenTenantSession();
                if (await session.Events.FetchStreamStateAsync(OfficeState.StreamKey(office.OfficeId), ct) is not null) continue;
                try
                {
                    await session.DecideAndAppendAsync(OfficeState.StreamKey(office.OfficeId), OfficeState.Initial, OfficeState.Evolve,
                        state => OfficeDecisions.Decide(office, state), ct);
                }
                catch (JasperFx.Events.ExistingStreamIdCollisionException)
                {
                    // Two replicas starting together: the other one loaded it.
                }
            }
            logger.LogInformation("Demo offices for {Tenant} loaded", tenant);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
