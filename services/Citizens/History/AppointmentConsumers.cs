using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Contracts.V1;

namespace Omnichannel.Citizens.History;

/// <summary>How appointment and callback events read in a citizen's history, in each language. Times are shown on
/// the Europe/Madrid wall clock.</summary>
public static class AppointmentTexts
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public static string When(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Madrid).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static LocalizedText Booked(LocalizedText procedure, DateTimeOffset at, string office, string code) => new(
        $"Has demanat cita per a «{procedure.Ca}» el {When(at)} ({office}, codi {code}).",
        $"Has pedido cita para «{procedure.Es}» el {When(at)} ({office}, código {code}).",
        $"You booked an appointment for “{procedure.En}” on {When(at)} ({office}, code {code}).");

    public static LocalizedText Cancelled(LocalizedText procedure, DateTimeOffset at, string? reason)
    {
        var suffix = string.IsNullOrWhiteSpace(reason) ? "" : $" — {reason}";
        return new($"S'ha anul·lat la cita per a «{procedure.Ca}» del {When(at)}{suffix}",
            $"Se ha anulado la cita para «{procedure.Es}» del {When(at)}{suffix}",
            $"The appointment for “{procedure.En}” on {When(at)} was cancelled{suffix}");
    }

    public static LocalizedText Rescheduled(LocalizedText procedure, DateTimeOffset from, DateTimeOffset to) => new(
        $"La cita per a «{procedure.Ca}» ha passat del {When(from)} al {When(to)}.",
        $"La cita para «{procedure.Es}» ha pasado del {When(from)} al {When(to)}.",
        $"The appointment for “{procedure.En}” moved from {When(from)} to {When(to)}.");

    public static LocalizedText CheckedIn(LocalizedText procedure, string office) => new(
        $"Has arribat a la cita per a «{procedure.Ca}» ({office}).",
        $"Has llegado a la cita para «{procedure.Es}» ({office}).",
        $"You checked in for your appointment for “{procedure.En}” ({office}).");

    public static LocalizedText Missed(LocalizedText procedure, DateTimeOffset at) => new(
        $"No vas venir a la cita per a «{procedure.Ca}» del {When(at)}.",
        $"No acudiste a la cita para «{procedure.Es}» del {When(at)}.",
        $"You missed the appointment for “{procedure.En}” on {When(at)}.");

    public static LocalizedText Completed(LocalizedText procedure) => new(
        $"T'han atès a la cita per a «{procedure.Ca}».",
        $"Te han atendido en la cita para «{procedure.Es}».",
        $"You were attended at your appointment for “{procedure.En}”.");

    public static LocalizedText Reminded(LocalizedText procedure, DateTimeOffset at) => new(
        $"Recordatori: tens cita per a «{procedure.Ca}» el {When(at)}.",
        $"Recordatorio: tienes cita para «{procedure.Es}» el {When(at)}.",
        $"Reminder: you have an appointment for “{procedure.En}” on {When(at)}.");

    public static LocalizedText MovedByClosure(LocalizedText procedure, DateOnly closedOn, DateTimeOffset to, string address, bool otherOffice, string reason) => otherOffice
        ? new($"L'oficina tanca el {Day(closedOn)} ({reason}): la teva cita per a «{procedure.Ca}» passa al {When(to)} a {address}.",
            $"La oficina cierra el {Day(closedOn)} ({reason}): tu cita para «{procedure.Es}» pasa al {When(to)} en {address}.",
            $"The office is closed on {Day(closedOn)} ({reason}): your appointment for “{procedure.En}” moved to {When(to)} at {address}.")
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

public sealed class AppointmentBookedConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentBooked>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentBooked e, CancellationToken ct) =>
        new("appointment-booked", AppointmentTexts.Booked(await names.Of(e.ProcedureCode, ct), e.StartsAt, e.OfficeId, e.AppointmentCode), e.AppointmentCode);
}

public sealed class AppointmentCancelledConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentCancelled>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentCancelled e, CancellationToken ct) =>
        new("appointment-cancelled", AppointmentTexts.Cancelled(await names.Of(e.ProcedureCode, ct), e.StartsAt, e.Reason), e.AppointmentCode);
}

public sealed class AppointmentRescheduledConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentRescheduled>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentRescheduled e, CancellationToken ct) =>
        new("appointment-rescheduled", AppointmentTexts.Rescheduled(await names.Of(e.ProcedureCode, ct), e.PreviousStartsAt, e.StartsAt), e.AppointmentCode);
}

public sealed class AppointmentMovedByClosureConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentMovedByClosure>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentMovedByClosure e, CancellationToken ct) =>
        new("appointment-moved-by-closure", AppointmentTexts.MovedByClosure(await names.Of(e.ProcedureCode, ct), e.ClosedOn, e.StartsAt, e.OfficeAddress,
            e.OfficeId != e.PreviousOfficeId, e.ClosureReason), e.AppointmentCode);
}

public sealed class AppointmentCancelledByClosureConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentCancelledByClosure>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentCancelledByClosure e, CancellationToken ct) =>
        new("appointment-cancelled-by-closure", AppointmentTexts.CancelledByClosure(await names.Of(e.ProcedureCode, ct), e.ClosedOn, e.StartsAt, e.ClosureReason), e.AppointmentCode);
}

public sealed class CitizenCheckedInConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<CitizenCheckedIn>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(CitizenCheckedIn e, CancellationToken ct) =>
        new("appointment-checked-in", AppointmentTexts.CheckedIn(await names.Of(e.ProcedureCode, ct), e.OfficeId), e.AppointmentCode);
}

public sealed class AppointmentMissedConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentMissed>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentMissed e, CancellationToken ct) =>
        new("appointment-missed", AppointmentTexts.Missed(await names.Of(e.ProcedureCode, ct), e.StartsAt), e.AppointmentCode);
}

public sealed class AppointmentCompletedConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentCompleted>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentCompleted e, CancellationToken ct) =>
        new("appointment-completed", AppointmentTexts.Completed(await names.Of(e.ProcedureCode, ct)), e.AppointmentCode);
}

public sealed class AppointmentReminderDueConsumer(IDocumentStore store, ProcedureNames names) : HistoryConsumer<AppointmentReminderDue>(store, "appointments")
{
    protected override async Task<Interaction> DescribeAsync(AppointmentReminderDue e, CancellationToken ct) =>
        new("appointment-reminder", AppointmentTexts.Reminded(await names.Of(e.ProcedureCode, ct), e.StartsAt), e.AppointmentCode);
}

public sealed class CallbackRequestedConsumer(IDocumentStore store) : HistoryConsumer<CallbackRequested>(store, "appointments")
{
    protected override Task<Interaction> DescribeAsync(CallbackRequested e, CancellationToken ct) =>
        Task.FromResult(new Interaction("callback-requested", AppointmentTexts.CallbackRequested(e.CallAt, e.Topic), null));
}

public sealed class CallbackCompletedConsumer(IDocumentStore store) : HistoryConsumer<CallbackCompleted>(store, "appointments")
{
    protected override Task<Interaction> DescribeAsync(CallbackCompleted e, CancellationToken ct) =>
        Task.FromResult(new Interaction("callback-" + e.Outcome, AppointmentTexts.CallbackCompleted(e.Outcome), null));
}
