using Omnichannel.BuildingBlocks.PersonalData;
using FluentValidation;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Offices;

public sealed record OfficeRegistered([NotPersonal] string OfficeId, [NotPersonal] LocalizedText Name, [NotPersonal] string Address, [NotPersonal] string Calendar, int Desks, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The office serves a procedure by appointment with this many desks (0: no longer serves it).</summary>
public sealed record ProcedureServed([NotPersonal] string OfficeId, [NotPersonal] string ProcedureCode, int Desks, DateTimeOffset At, [NotPersonal] string By);

/// <summary>Staff changed the office's description: the whole of it as it now is (name, address, calendar, desks).</summary>
public sealed record OfficeChanged([NotPersonal] string OfficeId, [NotPersonal] LocalizedText Name, [NotPersonal] string Address, [NotPersonal] string Calendar, int Desks, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The office is closed all day on a date (on top of the business calendar's holidays).</summary>
public sealed record OfficeClosureDeclared([NotPersonal] string OfficeId, DateOnly Date, [NotPersonal] string Reason, DateTimeOffset At, [NotPersonal] string By);

/// <summary>An office's stream folded.</summary>
public sealed record OfficeState(bool Exists, int Desks, IReadOnlyDictionary<string, int> Procedures, IReadOnlySet<DateOnly> Closures)
{
    public static readonly OfficeState Initial = new(false, 0, new Dictionary<string, int>(), new HashSet<DateOnly>());

    /// <summary>The description as last registered or changed (null before registration).</summary>
    public OfficeDescription? Description { get; init; }

    public static string StreamKey(string officeId) => $"office:{officeId}";

    public static OfficeState Evolve(OfficeState state, object @event) => @event switch
    {
        OfficeRegistered e => state with { Exists = true, Desks = e.Desks, Description = new(e.Name, e.Address, e.Calendar, e.Desks) },
        OfficeChanged e => state with { Desks = e.Desks, Description = new(e.Name, e.Address, e.Calendar, e.Desks) },
        ProcedureServed e => state with { Procedures = With(state.Procedures, e.ProcedureCode, e.Desks) },
        OfficeClosureDeclared e => state with { Closures = new HashSet<DateOnly>(state.Closures) { e.Date } },
        _ => state,
    };

    private static Dictionary<string, int> With(IReadOnlyDictionary<string, int> procedures, string code, int desks)
    {
        var copy = new Dictionary<string, int>(procedures);
        if (desks == 0) copy.Remove(code); else copy[code] = desks;
        return copy;
    }
}

/// <summary>What the directory says of an office, compared whole to tell a change from a repeat.</summary>
public sealed record OfficeDescription(LocalizedText Name, string Address, string Calendar, int Desks);

/// <summary>What registering an office and changing it both send: its name, address, calendar and desks.</summary>
public interface IOfficeDescriptionRequest
{
    LocalizedText? Name { get; }
    string? Address { get; }
    string? Calendar { get; }
    int? Desks { get; }
}

/// <summary>The rules of an office's description, once for registering and changing it.</summary>
public sealed class OfficeDescriptionValidator : FluentValidation.AbstractValidator<IOfficeDescriptionRequest>
{
    public const int NameMaxLength = 120;

    public OfficeDescriptionValidator()
    {
        RuleFor(r => r.Name).NotNull();
        // Names go on invitations, reminders and screens: short, whatever the generic text policy would allow.
        RuleFor(r => r.Name!.Ca).NotEmpty().MaximumLength(NameMaxLength).When(r => r.Name is not null);
        RuleFor(r => r.Name!.Es).NotEmpty().MaximumLength(NameMaxLength).When(r => r.Name is not null);
        RuleFor(r => r.Name!.En).NotEmpty().MaximumLength(NameMaxLength).When(r => r.Name is not null);
        RuleFor(r => r.Address).NotEmpty().MaximumLength(300);
        RuleFor(r => r.Calendar).NotEmpty().MaximumLength(60);
        RuleFor(r => r.Desks).NotNull().InclusiveBetween(1, 200);
    }

    /// <summary>An office's hours are a business calendar's: one the platform knows.</summary>
    public static void EnsureKnownCalendar(string calendar, IReadOnlyCollection<string> calendars)
    {
        if (!calendars.Contains(calendar, StringComparer.OrdinalIgnoreCase))
            throw Rejection.Invalid("calendar", $"There is no business calendar '{calendar}'; use one of: {string.Join(", ", calendars)}.");
    }
}
