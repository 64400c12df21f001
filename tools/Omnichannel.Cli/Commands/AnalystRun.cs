using System.CommandLine;
using System.Globalization;
using Npgsql;
using Omnichannel.Cli.Analysts;

namespace Omnichannel.Cli.Commands;

/// <summary>What the analysts' commands that read the event tables (export, demand, forecast, indicators) share: their
/// exit codes — 2 with the message on bad input, 3 when the database cannot be read — and how they read an instant.</summary>
internal static class AnalystRun
{
    /// <summary>Runs <paramref name="action"/> (its own exit code when it ends), turning bad input and database errors
    /// into a message on stderr and exit 2 or 3.</summary>
    public static async Task<int> ExitCodeAsync(ParseResult parseResult, Func<Task<int>> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await action();
        }
        catch (ExportInputException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            error.WriteLine($"The database refused a read ({e.MessageText}): connect with the analysts' role, made by `grants`.");
            return 3;
        }
        catch (NpgsqlException e)
        {
            error.WriteLine($"Cannot read the event store: {e.Message}");
            return 3;
        }
    }

    /// <summary>An option's instant or date (ISO 8601; without an offset, UTC), null when not given.</summary>
    public static DateTimeOffset? Instant(string? text, string option)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        throw new ExportInputException($"{option}: '{text}' is not an instant or a date (ISO 8601, e.g. 2026-01-01T00:00:00Z).");
    }
}
