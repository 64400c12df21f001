using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>A booking checks its citizen against the registrations this service has consumed, and asks the citizens
/// service only about citizens it has not heard of.</summary>
public sealed class KnownCitizensTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Office = "connecta-space";
    private const string Procedure = "census-registration";

    private IDocumentStore Store => fixture.Appointments.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_registration_in_the_citizens_service_makes_the_citizen_known_here()
    {
        var citizen = await fixture.RegisterCitizenAsync();
        KnownCitizen? known = null;
        for (var wait = 0; wait < 150 && known is null; wait++)
        {
            await Task.Delay(100);
            await using var session = Store.QuerySession(Tokens.Tenant);
            known = await session.LoadAsync<KnownCitizen>(citizen);
        }
        Assert.NotNull(known);
    }

    [Fact]
    public async Task A_citizen_known_here_books_without_the_citizens_service_being_asked()
    {
        // Known here only: the citizens service has never heard of this id, so a booking can pass only on what is known here.
        var citizen = Guid.NewGuid();
        await using (var session = Store.LightweightSession(Tokens.Tenant))
        {
            session.Store(new KnownCitizen { Id = citizen });
            await session.SaveChangesAsync();
        }

        var booked = await fixture.WithBookings(b => b.HoldAsync(citizen, Office, Procedure, StoreFixture.NextWorkingSlot(18, 1), Channels.Online, confirm: true, CancellationToken.None));

        Assert.Equal(AppointmentStatus.Booked, booked.Status);
    }

    [Fact]
    public async Task A_citizen_unknown_here_and_to_the_citizens_service_is_refused_naming_the_citizen()
    {
        var refusal = await Assert.ThrowsAsync<Rejection>(() =>
            fixture.WithBookings(b => b.HoldAsync(Guid.NewGuid(), Office, Procedure, StoreFixture.NextWorkingSlot(18, 2), Channels.Online, confirm: true, CancellationToken.None)));

        Assert.Equal(RejectionKind.Invalid, refusal.Kind);
        Assert.Equal("citizenId", refusal.Field);
    }
}
