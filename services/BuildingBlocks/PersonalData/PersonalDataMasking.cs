using System.Reflection;
using Marten;
using Marten.Services;

namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>
/// Marten's masking of protected information, driven by the declarations next to each event: every event type of the
/// service that declares a <see cref="PersonalAttribute"/> member gets one masking rule
/// (<c>AddMaskingRuleForProtectedInformation</c>), which <c>ApplyEventDataMasking</c> applies on erasure and retention.
/// </summary>
public static class PersonalDataMasking
{
    private static readonly MethodInfo register = typeof(PersonalDataMasking).GetMethod(nameof(Register), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The event types of <paramref name="assemblies"/> with personal members.</summary>
    public static IEnumerable<Type> PersonalEventTypes(params Assembly[] assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false, IsClass: true } && PersonalFields.HasPersonal(t));

    public static void AddMaskingRules(this StoreOptions options, params Assembly[] assemblies)
    {
        foreach (var type in PersonalEventTypes(assemblies))
            register.MakeGenericMethod(type).Invoke(null, [options]);
        // In development and tests an event type with an undeclared string member is refused when stored.
        options.Listeners.Add(new UndeclaredPersonalDataGuard());
    }

    private static void Register<T>(StoreOptions options) where T : class =>
        options.Events.AddMaskingRuleForProtectedInformation<T>(e => PersonalFields.Mask(e));
}

/// <summary>Refuses to store an event whose type has a string member declared neither personal nor not personal, while
/// <see cref="Enabled"/> (development and tests: set by the service defaults): a new event type cannot slip past the
/// declarations unnoticed.</summary>
public sealed class UndeclaredPersonalDataGuard : DocumentSessionListenerBase
{
    public static bool Enabled { get; set; }

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (!Enabled) return Task.CompletedTask;
        foreach (var stream in session.PendingChanges.Streams())
            foreach (var e in stream.Events)
            {
                var missing = PersonalFields.Undeclared(e.EventType);
                if (missing.Count > 0)
                    throw new UndeclaredPersonalData(e.EventType, missing);
            }
        return Task.CompletedTask;
    }
}

public sealed class UndeclaredPersonalData(Type type, IReadOnlyList<string> members)
    : Exception($"Event {type.FullName} has string members declared neither [Personal] nor [NotPersonal]: {string.Join(", ", members)}. Declare them next to the event (services/BuildingBlocks/PersonalData).");
