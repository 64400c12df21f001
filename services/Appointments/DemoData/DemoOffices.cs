using JasperFx.Events;
using Marten;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Offices.Registering;
using Omnichannel.Appointments.Offices.ServingProcedures;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.DemoData;

/// <summary>
/// The seeds' offices for each council in <c>DemoData:Tenants</c> when <c>DemoData:Enabled</c> is true: Mataró
/// Connecta Space (the central office in plaça de la Muralla, several desks, on-site hours with the Friday short day)
/// and civic centres (Monday to Friday 9:00 to 21:00), each serving procedures of the demo catalogue that are offered
/// by appointment. Slots follow from the calendars, so the next month (and the whole booking horizon) is bookable at
/// once. Loaded through the same decisions staff use; idempotent. These are the platform's only demo offices: their
/// registrations are published (OfficeRegistered) and the queues service configures its demo lines on hearing them.
/// </summary>
public sealed class DemoOffices(IDocumentStore store, IBusinessCalendars calendars, IConfiguration configuration, TimeProvider clock, ILogger<DemoOffices> logger) : IHostedService
{
    public sealed record DemoOffice(string OfficeId, LocalizedText Name, string Address, string Calendar, int Desks, IReadOnlyDictionary<string, int> Procedures);

    private static readonly Dictionary<string, int> CentralProcedures = new()
    {
        ["census-registration"] = 4, ["census-address-change"] = 3, ["coexistence-certificate"] = 2, ["residents-parking-card"] = 2,
        ["disabled-parking-card"] = 1, ["tax-instalments"] = 2, ["tax-bonus-application"] = 2, ["vehicle-tax-exemption"] = 1,
        ["capital-gains-tax-return"] = 2, ["digital-certificate"] = 3, ["e-office-assistance"] = 2, ["general-registry-entry"] = 3,
        ["urban-planning-info"] = 1, ["major-works-licence"] = 1, ["business-opening-notice"] = 1, ["civil-marriage"] = 1,
    };

    private static readonly Dictionary<string, int> CivicCentreProcedures = new()
    {
        ["census-registration"] = 1, ["census-address-change"] = 1, ["digital-certificate"] = 1, ["e-office-assistance"] = 1,
        ["general-registry-entry"] = 1, ["energy-poverty-aid"] = 1, ["school-lunch-aid"] = 1,
    };

    public static readonly IReadOnlyList<DemoOffice> Offices =
    [
        new("connecta-space", new("Mataró Connecta Space (Oficina d'Atenció Ciutadana)", "Mataró Connecta Space (Oficina de Atención Ciudadana)", "Mataró Connecta Space (Citizen Assistance Office)"),
            "Plaça de la Muralla, Mataró", "on-site", 8, CentralProcedures),
        new("cc-pla-den-boet", new("Centre Cívic Pla d'en Boet", "Centro Cívico Pla d'en Boet", "Pla d'en Boet Civic Centre"), "Centre Cívic Pla d'en Boet, Mataró", "civic-centre", 2, CivicCentreProcedures),
        new("cc-cerdanyola", new("Centre Cívic Cerdanyola", "Centro Cívico Cerdanyola", "Cerdanyola Civic Centre"), "Centre Cívic Cerdanyola, Mataró", "civic-centre", 2, CivicCentreProcedures),
        new("cc-rocafonda", new("Centre Cívic Rocafonda-El Palau", "Centro Cívico Rocafonda-El Palau", "Rocafonda-El Palau Civic Centre"), "Centre Cívic Rocafonda-El Palau, Mataró", "civic-centre", 2, CivicCentreProcedures),
    ];

    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        var tenants = configuration.GetSection("DemoData:Tenants").Get<string[]>() is { Length: > 0 } t ? t : ["mataro"];
        foreach (var tenant in tenants)
        {
            using var context = RequestContext.Begin(tenant, null);
            var loaded = 0;
            foreach (var office in Offices)
            {
                await using var session = store.OpenTenantSession();
                if (await session.Events.FetchStreamStateAsync(OfficeState.StreamKey(office.OfficeId), ct) is not null) continue;
                var now = clock.GetUtcNow();
                try
                {
                    await session.DecideAndAppendAsync(OfficeState.StreamKey(office.OfficeId), OfficeState.Initial, OfficeState.Evolve, state =>
                    {
                        var events = new List<object>(RegisterOfficeDecision.Decide(new RegisterOffice(office.OfficeId, office.Name, office.Address, office.Calendar, office.Desks, now, "demo-data"), state, calendars.Names));
                        var registered = events.Aggregate(state, OfficeState.Evolve);
                        foreach (var (code, desks) in office.Procedures)
                        {
                            var served = ServeProcedureDecision.Decide(new ServeProcedure(office.OfficeId, code, desks, now, "demo-data"), registered);
                            registered = served.Aggregate(registered, OfficeState.Evolve);
                            events.AddRange(served);
                        }
                        return events;
                    }, ct);
                    loaded++;
                }
                catch (ExistingStreamIdCollisionException)
                {
                    // Another replica loaded it first.
                }
            }
            logger.LogInformation("Demo offices for {Tenant}: {Loaded} new", tenant, loaded);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
