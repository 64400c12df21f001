using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Omnichannel.BuildingBlocks.Calendar;

public static class BusinessCalendarServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BusinessCalendarOptions"/> from the "BusinessCalendar" section, validates it when the
    /// host starts (so a typo in opening hours stops the service instead of skewing SLA deadlines), and
    /// registers <see cref="IBusinessCalendars"/> as a singleton.
    /// </summary>
    public static IServiceCollection AddBusinessCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(service => service.ServiceType == typeof(IBusinessCalendars)))
            return services; // already added: a second validator would only repeat every error

        var section = configuration.GetSection(BusinessCalendarOptions.SectionName);
        services.AddOptions<BusinessCalendarOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BusinessCalendarOptions>>(new BusinessCalendarOptionsValidator(section));
        services.TryAddSingleton<IBusinessCalendars>(provider =>
            new BusinessCalendars(provider.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value));
        return services;
    }
}

internal sealed class BusinessCalendarOptionsValidator(IConfigurationSection section) : IValidateOptions<BusinessCalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessCalendarOptions options)
    {
        var errors = new List<string>();
        // The binder ignores keys it does not know, so "Munday" would silently leave Monday closed.
        ReportUnknownKeys(section, typeof(BusinessCalendarOptions), errors);
        foreach (var calendar in section.GetSection(nameof(BusinessCalendarOptions.Calendars)).GetChildren())
            ReportUnknownKeys(calendar, typeof(CalendarHoursOptions), errors);

        BusinessCalendarFactory.Create(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ReportUnknownKeys(IConfigurationSection section, Type options, List<string> errors)
    {
        var known = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToArray();
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                errors.Add($"{child.Path}: unknown setting (expected one of {string.Join(", ", known)}).");
        }
    }
}
