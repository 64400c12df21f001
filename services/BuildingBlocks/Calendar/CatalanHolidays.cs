namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>
/// Public holidays in Catalonia (state + regional) for the years whose official calendar has been
/// checked. Local (municipal) holidays are not here: they come from configuration.
/// </summary>
public static class CatalanHolidays
{
    public const int FirstYear = 2026;
    public const int LastYear = 2027;

    /// <summary>All built-in years, <see cref="FirstYear"/> to <see cref="LastYear"/>.</summary>
    public static IReadOnlyList<DateOnly> All { get; } =
        Enumerable.Range(FirstYear, LastYear - FirstYear + 1).SelectMany(For).ToArray();

    public static IReadOnlyList<DateOnly> For(int year)
    {
        // The official list is decreed yearly and sometimes moves a day, so other years are not guessed.
        if (year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year,
                $"Built-in Catalan holidays cover {FirstYear}-{LastYear}; list other years under BusinessCalendar:Holidays.");
        }

        var easter = Easter.Sunday(year);
        return
        [
            new(year, 1, 1),     // Cap d'Any
            new(year, 1, 6),     // Reis
            easter.AddDays(-2),  // Divendres Sant
            easter.AddDays(1),   // Dilluns de Pasqua
            new(year, 5, 1),     // Festa del Treball
            new(year, 6, 24),    // Sant Joan
            new(year, 8, 15),    // l'Assumpció
            new(year, 9, 11),    // Diada Nacional de Catalunya
            new(year, 10, 12),   // Festa Nacional d'Espanya
            new(year, 11, 1),    // Tots Sants
            new(year, 12, 6),    // Dia de la Constitució
            new(year, 12, 8),    // la Immaculada
            new(year, 12, 25),   // Nadal
            new(year, 12, 26),   // Sant Esteve
        ];
    }
}
