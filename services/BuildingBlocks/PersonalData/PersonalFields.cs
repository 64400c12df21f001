using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>
/// Reads the <see cref="PersonalAttribute"/>/<see cref="NotPersonalAttribute"/> declarations of a type and acts on them:
/// which string members are undeclared, which personal values an object holds, and masking them in place.
/// </summary>
public static class PersonalFields
{
    /// <summary>What a masked personal string becomes: still a string, so every stream replays as before.</summary>
    public const string Masked = "***";

    private enum Declaration { None, Personal, NotPersonal }

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> undeclared = new();
    private static readonly ConcurrentDictionary<Type, bool> hasPersonal = new();

    /// <summary>The paths of string members of <paramref name="type"/> (nested objects and lists included) declared
    /// neither personal nor not personal; empty when the type is fully declared.</summary>
    public static IReadOnlyList<string> Undeclared(Type type) => undeclared.GetOrAdd(type, t =>
    {
        var found = new List<string>();
        Walk(t, "", found, []);
        return found;
    });

    /// <summary>Whether the type declares any personal member (it then gets a masking rule).</summary>
    public static bool HasPersonal(Type type) => hasPersonal.GetOrAdd(type, t => AnyPersonal(t, []));

    /// <summary>Whether <paramref name="type"/> takes part in the declarations: a member of it is declared personal or not
    /// personal (every stored event with a string member must be: the session guard, PersonalDataDeclarationTests).</summary>
    public static bool IsDeclared(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && (type.GetProperties().Any(p => p.IsDefined(typeof(PersonalAttribute)) || p.IsDefined(typeof(NotPersonalAttribute)))
            || type.GetConstructors().SelectMany(c => c.GetParameters())
                .Any(p => p.IsDefined(typeof(PersonalAttribute)) || p.IsDefined(typeof(NotPersonalAttribute))));

    /// <summary>Whether <paramref name="type"/> holds a citizen's data: a personal member, or a <c>CitizenId</c> (what
    /// erasure and the access export find a citizen's events by).</summary>
    public static bool NamesCitizen(Type type) =>
        HasPersonal(type) || Members(type).Any(p => p.Name == "CitizenId" && Unwrapped(p.PropertyType) == typeof(Guid));

    /// <summary>Whether a service's assembly holds citizens' data, by its declarations: a declared type (a stored event)
    /// that names a citizen. Such a service erases on request (<see cref="ServiceSetup.HoldsCitizenData"/>).</summary>
    public static bool HoldsCitizenData(Assembly assembly) => assembly.GetTypes().Any(t => IsDeclared(t) && NamesCitizen(t));

    /// <summary>Every personal string value <paramref name="target"/> holds (for erasing copies of them elsewhere).</summary>
    public static IEnumerable<string> PersonalValues(object? target)
    {
        var values = new List<string>();
        Collect(target, declaredPersonal: false, values, 0);
        return values.Where(v => !string.IsNullOrWhiteSpace(v) && v != Masked);
    }

    /// <summary>Masks every personal member of <paramref name="target"/> in place (Marten's masking rule).</summary>
    public static void Mask(object? target) => MaskMembers(target, all: false, 0);

    private static void Walk(Type type, string prefix, List<string> found, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return;
        foreach (var property in Members(type))
        {
            if (DeclarationOf(property) is not Declaration.None) continue;
            var path = prefix + property.Name;
            var t = Unwrapped(property.PropertyType);
            if (t == typeof(string) || ElementOf(t) == typeof(string)) found.Add(path);
            else if (ElementOf(t) is { } element && IsComposite(element)) Walk(element, path + "[].", found, seen);
            else if (IsComposite(t)) Walk(t, path + ".", found, seen);
        }
        seen.Remove(type);
    }

    private static bool AnyPersonal(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return false;
        foreach (var property in Members(type))
        {
            switch (DeclarationOf(property))
            {
                case Declaration.Personal: return true;
                case Declaration.NotPersonal: continue;
            }
            var t = Unwrapped(property.PropertyType);
            var inner = ElementOf(t) ?? t;
            if (IsComposite(inner) && AnyPersonal(inner, seen)) return true;
        }
        return false;
    }

    private static void Collect(object? value, bool declaredPersonal, List<string> values, int depth)
    {
        if (value is null || depth > 8) return;
        switch (value)
        {
            case string s:
                if (declaredPersonal) values.Add(s);
                return;
            case IDictionary dictionary:
                foreach (var item in dictionary.Values) Collect(item, declaredPersonal, values, depth + 1);
                return;
            case IEnumerable items:
                foreach (var item in items) Collect(item, declaredPersonal, values, depth + 1);
                return;
        }
        if (!IsComposite(value.GetType())) return;
        foreach (var property in Members(value.GetType()))
        {
            var declaration = DeclarationOf(property);
            if (declaration is Declaration.NotPersonal && !declaredPersonal) continue;
            Collect(property.GetValue(value), declaredPersonal || declaration is Declaration.Personal, values, depth + 1);
        }
    }

    private static void MaskMembers(object? target, bool all, int depth)
    {
        if (target is null || depth > 8 || !IsComposite(target.GetType())) return;
        foreach (var property in Members(target.GetType()))
        {
            var declaration = DeclarationOf(property);
            if (declaration is Declaration.NotPersonal && !all) continue;
            var personal = all || declaration is Declaration.Personal;
            var current = property.GetValue(target);
            if (current is null) continue;
            var type = Unwrapped(property.PropertyType);
            if (type == typeof(string))
            {
                if (personal) Set(property, target, Masked);
            }
            else if (ElementOf(type) == typeof(string))
            {
                if (personal) Set(property, target, MaskedList(property.PropertyType, ((IEnumerable)current).Cast<object?>().Count()));
            }
            else if (current is IEnumerable items && current is not string)
            {
                foreach (var item in items) MaskMembers(item, personal, depth + 1);
            }
            else if (IsComposite(type))
            {
                MaskMembers(current, personal, depth + 1);
            }
            else if (personal && type.IsValueType && type != typeof(Guid) && type != typeof(bool) && !type.IsEnum
                     && type != typeof(DateTimeOffset) && type != typeof(DateTime))
            {
                // A position's coordinates, a birth date: the default says nothing about anyone.
                Set(property, target, Activator.CreateInstance(property.PropertyType));
            }
        }
    }

    private static object MaskedList(Type listType, int count)
    {
        var masked = Enumerable.Repeat(Masked, count).ToArray();
        if (listType.IsAssignableFrom(typeof(string[]))) return masked;
        if (listType.IsAssignableFrom(typeof(List<string>))) return masked.ToList();
        if (listType.IsAssignableFrom(typeof(HashSet<string>))) return masked.ToHashSet();
        return Activator.CreateInstance(listType, [masked])!;
    }

    private static void Set(PropertyInfo property, object target, object? value)
    {
        if (property.GetSetMethod(nonPublic: true) is { } setter)
        {
            setter.Invoke(target, [value]);
            return;
        }
        // A get-only auto-property: its compiler-made field.
        var field = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
        field?.SetValue(target, value);
    }

    private static IEnumerable<PropertyInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.Name != "EqualityContract")
            // Computed properties (no setter, no backing field) hold nothing of their own.
            .Where(p => p.GetSetMethod(true) is not null
                        || type.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null);

    private static Declaration DeclarationOf(PropertyInfo property)
    {
        if (property.IsDefined(typeof(PersonalAttribute), true)) return Declaration.Personal;
        if (property.IsDefined(typeof(NotPersonalAttribute), true)) return Declaration.NotPersonal;
        // A positional record's attribute sits on its constructor's parameter.
        foreach (var constructor in property.DeclaringType!.GetConstructors())
            foreach (var parameter in constructor.GetParameters())
            {
                if (!string.Equals(parameter.Name, property.Name, StringComparison.Ordinal)) continue;
                if (parameter.IsDefined(typeof(PersonalAttribute), true)) return Declaration.Personal;
                if (parameter.IsDefined(typeof(NotPersonalAttribute), true)) return Declaration.NotPersonal;
            }
        return Declaration.None;
    }

    private static Type Unwrapped(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ElementOf(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>)));
        if (dictionary is not null) return dictionary.GetGenericArguments()[1];
        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>An object with members of its own (a record of the platform), not a value of the framework.</summary>
    private static bool IsComposite(Type type) =>
        type != typeof(string) && !type.IsPrimitive && !type.IsEnum && ElementOf(type) is null
        && type.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal);
}
