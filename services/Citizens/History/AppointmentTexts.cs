using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>How appointment and callback events read in a citizen's history, in each language. Times are shown on
/// the Europe/Madrid wall clock; offices by their name in the citizen's language (see <see cref="OfficeNames"/>).</summary>
public static class AppointmentTexts
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public static string When(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Madrid).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static LocalizedText Booked(LocalizedText procedure, DateTimeOffset at, LocalizedText office, string code) => new(
        $"Has demanat cita per a «{procedure.Ca}» el {When(at)} ({office.Ca}, codi {code}).",
        $"Has pedido cita para «{procedure.Es}» el {When(at)} ({office.Es}, código {code}).",
        $"You booked an appointment for “{procedure.En}” on {When(at)} ({office.En}, code {code}).");

    public static LocalizedText Cancelled(LocalizedText procedure, DateTimeOffset at, LocalizedText office, string? reason)
    {
        var suffix = string.IsNullOrWhiteSpace(reason) ? "" : $" — {reason}";
        return new($"S'ha anul·lat la cita per a «{procedure.Ca}» del {When(at)} ({office.Ca}){suffix}",
            $"Se ha anulado la cita para «{procedure.Es}» del {When(at)} ({office.Es}){suffix}",
            $"The appointment for “{procedure.En}” on {When(at)} ({office.En}) was cancelled{suffix}");
    }

    public static LocalizedText Rescheduled(LocalizedText procedure, DateTimeOffset from, DateTimeOffset to, LocalizedText office) => new(
        $"La cita per a «{procedure.Ca}» ha passat del {When(from)} al {When(to)} ({office.Ca}).",
        $"La cita para «{procedure.Es}» ha pasado del {When(from)} al {When(to)} ({office.Es}).",
        $"The appointment for “{procedure.En}” moved from {When(from)} to {When(to)} ({office.En}).");

    public static LocalizedText CheckedIn(LocalizedText procedure, LocalizedText office) => new(
        $"Has arribat a la cita per a «{procedure.Ca}» ({office.Ca}).",
        $"Has llegado a la cita para «{procedure.Es}» ({office.Es}).",
        $"You checked in for your appointment for “{procedure.En}” ({office.En}).");

    public static LocalizedText Missed(LocalizedText procedure, DateTimeOffset at, LocalizedText office) => new(
        $"No vas venir a la cita per a «{procedure.Ca}» del {When(at)} ({office.Ca}).",
        $"No acudiste a la cita para «{procedure.Es}» del {When(at)} ({office.Es}).",
        $"You missed the appointment for “{procedure.En}” on {When(at)} ({office.En}).");

    public static LocalizedText Completed(LocalizedText procedure) => new(
        $"T'han atès a la cita per a «{procedure.Ca}».",
        $"Te han atendido en la cita para «{procedure.Es}».",
        $"You were attended at your appointment for “{procedure.En}”.");

    public static LocalizedText Reminded(LocalizedText procedure, DateTimeOffset at) => new(
        $"Recordatori: tens cita per a «{procedure.Ca}» el {When(at)}.",
        $"Recordatorio: tienes cita para «{procedure.Es}» el {When(at)}.",
        $"Reminder: you have an appointment for “{procedure.En}” on {When(at)}.");

    /// <summary><paramref name="otherOffice"/> is the office it moved to, when not the same one.</summary>
    public static LocalizedText MovedByClosure(LocalizedText procedure, DateOnly closedOn, DateTimeOffset to, string address, LocalizedText? otherOffice, string reason) => otherOffice is not null
        ? new($"L'oficina tanca el {Day(closedOn)} ({reason}): la teva cita per a «{procedure.Ca}» passa al {When(to)}, a una altra oficina: {otherOffice.Ca} ({address}).",
            $"La oficina cierra el {Day(closedOn)} ({reason}): tu cita para «{procedure.Es}» pasa al {When(to)}, en otra oficina: {otherOffice.Es} ({address}).",
            $"The office is closed on {Day(closedOn)} ({reason}): your appointment for “{procedure.En}” moved to {When(to)}, at another office: {otherOffice.En} ({address}).")
        : new($"L'oficina tanca el {Day(closedOn)} ({reason}): la teva cita per a «{procedure.Ca}» passa al {When(to)}.",
            $"La oficina cierra el {Day(closedOn)} ({reason}): tu cita para «{procedure.Es}» pasa al {When(to)}.",
            $"The office is closed on {Day(closedOn)} ({reason}): your appointment for “{procedure.En}” moved to {When(to)}.");

    public static LocalizedText CancelledByClosure(LocalizedText procedure, DateOnly closedOn, DateTimeOffset at, string reason) => new(
        $"L'oficina tanca el {Day(closedOn)} ({reason}) i no quedava cap hora lliure: s'ha anul·lat la cita per a «{procedure.Ca}» del {When(at)}. Demana'n una altra quan vulguis.",
        $"La oficina cierra el {Day(closedOn)} ({reason}) y no quedaba ninguna hora libre: se ha anulado la cita para «{procedure.Es}» del {When(at)}. Pide otra cuando quieras.",
        $"The office is closed on {Day(closedOn)} ({reason}) and no free time was left: the appointment for “{procedure.En}” on {When(at)} was cancelled. Please book again whenever suits you.");

    public static LocalizedText CallbackRequested(DateTimeOffset at, string? topic)
    {
        var suffix = string.IsNullOrWhiteSpace(topic) ? "" : $" ({topic})";
        return new($"Has demanat que et truquem el {When(at)}{suffix}.", $"Has pedido que te llamemos el {When(at)}{suffix}.", $"You asked to be called on {When(at)}{suffix}.");
    }

    public static LocalizedText CallbackCompleted(string outcome) => outcome == "done"
        ? new("T'hem trucat tal com vas demanar.", "Te hemos llamado como pediste.", "We called you as you asked.")
        : new("Vam intentar trucar-te però no vam poder contactar.", "Intentamos llamarte pero no pudimos contactar.", "We tried to call you but could not reach you.");
}
