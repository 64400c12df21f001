using System.Text;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.Tests;

internal static class Given
{
    public static Scenario<CitizenState> Citizen(params object[] events) =>
        Scenario<CitizenState>.Given(CitizenState.Initial, CitizenState.Evolve, events);
}

internal static class Examples
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset Tuesday = Monday.AddDays(1);
    public static readonly Guid CitizenId = new("0f6e3a43-2d7b-4f0e-8a54-91c7d8e2b6aa");

    /// <summary>A test key, as long as the service demands (32+ characters).</summary>
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key-for-national-id-hashes-0123456789");
    public static readonly IdentityKeys Keys = new(Key, "ES");
    public static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("another-council-key-for-national-ids-abcdef");

    public static readonly CitizenPreferences Catalan = new("ca", "whatsapp", DealsElectronically: true);

    public static readonly ChannelIdentity Phone = new(IdentityKinds.Phone, "+34612345678");
    public static readonly ChannelIdentity WhatsApp = new(IdentityKinds.WhatsApp, "+34612345678");
    public static readonly ChannelIdentity Email = new(IdentityKinds.Email, "anna@example.cat");
    public static readonly ChannelIdentity Telegram = new(IdentityKinds.Telegram, "123456789");
    public static readonly ChannelIdentity Dni = new(IdentityKinds.NationalId, ChannelIdentityRules.HashNationalId("12345678Z", Key));
    public static readonly ChannelIdentity Nie = new(IdentityKinds.NationalId, ChannelIdentityRules.HashNationalId("X1234567L", Key));

    public static CitizenRegistered Registered(CitizenPreferences? preferences = null) =>
        new(CitizenId, "Anna", preferences ?? Catalan, "kiosk", Monday);

    public static ChannelIdentityLinked Linked(ChannelIdentity identity, DateTimeOffset? at = null) =>
        new(CitizenId, identity.Kind, identity.Value, at ?? Monday);

    public static ChannelIdentityUnlinked Unlinked(ChannelIdentity identity, DateTimeOffset? at = null) =>
        new(CitizenId, identity.Kind, identity.Value, at ?? Monday);
}
