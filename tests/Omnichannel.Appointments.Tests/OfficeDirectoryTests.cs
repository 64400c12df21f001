using JasperFx.Events;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Offices.Changing;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using static Omnichannel.Appointments.Tests.Examples;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Appointments.Tests;

/// <summary>Appointments owns the office directory: staff change an office, and the other services hear of it.</summary>
public sealed class OfficeDirectoryTests
{
    private static readonly LocalizedText Name = new("Centre Cívic Cerdanyola", "Centro Cívico Cerdanyola", "Cerdanyola Civic Centre");

    private static OfficeState Registered(int desks = 2, params (string Code, int Desks)[] procedures)
    {
        var state = OfficeState.Evolve(OfficeState.Initial, new OfficeRegistered("cc-cerdanyola", Name, "Mataró", "on-site", desks, Now, "staff"));
        foreach (var (code, served) in procedures) state = OfficeState.Evolve(state, new ProcedureServed("cc-cerdanyola", code, served, Now, "staff"));
        return state;
    }

    private static ChangeOffice Change(string calendar = "phone", int desks = 3, string address = "Mataró") =>
        new("cc-cerdanyola", Name, address, calendar, desks, Now, "staff");

    [Fact]
    public void Changing_an_office_gives_its_whole_new_description()
    {
        var changed = Assert.IsType<OfficeChanged>(Assert.Single(ChangeOfficeDecision.Decide(Change(), Registered(), Calendars.Names)));

        Assert.Equal(("phone", 3, Name), (changed.Calendar, changed.Desks, changed.Name));
    }

    [Fact]
    public void The_same_description_again_changes_nothing()
    {
        var state = Registered();
        var changed = ChangeOfficeDecision.Decide(Change(), state, Calendars.Names).Aggregate(state, OfficeState.Evolve);

        Assert.Empty(ChangeOfficeDecision.Decide(Change(), changed, Calendars.Names));
    }

    [Fact]
    public void An_unknown_office_calendar_or_fewer_desks_than_a_procedure_uses_is_refused_naming_the_field()
    {
        Assert.Equal(RejectionKind.NotFound, Assert.Throws<Rejection>(() => ChangeOfficeDecision.Decide(Change(), OfficeState.Initial, Calendars.Names)).Kind);
        Assert.Equal("calendar", Assert.Throws<Rejection>(() => ChangeOfficeDecision.Decide(Change(calendar: "moon"), Registered(), Calendars.Names)).Field);
        Assert.Equal("desks", Assert.Throws<Rejection>(() =>
            ChangeOfficeDecision.Decide(Change(desks: 1), Registered(2, ("census-registration", 2)), Calendars.Names)).Field);
    }

    [Fact]
    public void Registrations_changes_and_closures_of_offices_are_published_for_the_other_services()
    {
        var mapper = new IntegrationEvents();
        IEvent Stored(object data) => new Event<object>(data) { TenantId = "mataro" };
        var day = new DateOnly(2026, 12, 3);

        var registered = Assert.IsType<V1.OfficeRegistered>(mapper.Map(Stored(new OfficeRegistered("cc-cerdanyola", Name, "Mataró", "civic-centre", 2, Now, "staff"))));
        var changed = Assert.IsType<V1.OfficeChanged>(mapper.Map(Stored(new OfficeChanged("cc-cerdanyola", Name, "Mataró", "on-site", 3, Now, "staff"))));
        var closed = Assert.IsType<V1.OfficeClosedForDay>(mapper.Map(Stored(new OfficeClosureDeclared("cc-cerdanyola", day, "Vaga", Now, "staff"))));

        Assert.Equal(("mataro", "cc-cerdanyola", "civic-centre", 2, (Guid?)null), (registered.TenantId, registered.OfficeId, registered.Calendar, registered.Desks, registered.CitizenId));
        Assert.Equal(("on-site", 3), (changed.Calendar, changed.Desks));
        Assert.Equal((day, "Vaga"), (closed.Date, closed.Reason));
        Assert.Null(mapper.Map(Stored(new ProcedureServed("cc-cerdanyola", "census-registration", 1, Now, "staff")))); // stays inside
    }
}
