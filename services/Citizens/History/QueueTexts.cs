using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>How the steps of a citizen's visit to an office (tickets, calls, service) read in their history.</summary>
public static class QueueTexts
{
    /// <summary>With no minutes while no open desk served the line: the wait was unknown, not zero.</summary>
    public static LocalizedText Issued(LocalizedText procedure, string number, string line, int? expectedWaitMinutes) => line == "appointment"
        ? new($"Has arribat a la teva cita per «{procedure.Ca}»: torn {number}.",
              $"Has llegado a tu cita para «{procedure.Es}»: turno {number}.",
              $"You checked in for your appointment for “{procedure.En}”: ticket {number}.")
        : expectedWaitMinutes is { } minutes
            ? new($"Has agafat el torn {number} per «{procedure.Ca}» (espera prevista: {minutes} min).",
                  $"Has cogido el turno {number} para «{procedure.Es}» (espera prevista: {minutes} min).",
                  $"You took ticket {number} for “{procedure.En}” (expected wait: {minutes} min).")
            : new($"Has agafat el torn {number} per «{procedure.Ca}» (encara no hi ha cap lloc obert que l'atengui).",
                  $"Has cogido el turno {number} para «{procedure.Es}» (aún no hay ningún puesto abierto que lo atienda).",
                  $"You took ticket {number} for “{procedure.En}” (no desk serving it is open yet).");

    public static LocalizedText Called(string number, string desk, int call) => call <= 1
        ? new($"El torn {number} ha estat cridat al lloc {desk}.", $"El turno {number} ha sido llamado al puesto {desk}.", $"Ticket {number} was called to desk {desk}.")
        : new($"El torn {number} ha estat cridat de nou ({call}a vegada) al lloc {desk}.", $"El turno {number} ha sido llamado de nuevo ({call}ª vez) al puesto {desk}.",
              $"Ticket {number} was called again (call {call}) to desk {desk}.");

    public static LocalizedText Served(LocalizedText procedure, string number, double serviceMinutes) => new(
        $"T'han atès per «{procedure.Ca}» (torn {number}, {serviceMinutes:0} min).",
        $"Te han atendido para «{procedure.Es}» (turno {number}, {serviceMinutes:0} min).",
        $"You were served for “{procedure.En}” (ticket {number}, {serviceMinutes:0} min).");

    public static LocalizedText Transferred(string number, string toLine, string? toDesk) => toDesk is null
        ? new($"El torn {number} ha passat a la cua {LineName(toLine).Ca}.", $"El turno {number} ha pasado a la cola {LineName(toLine).Es}.", $"Ticket {number} was moved to the {LineName(toLine).En} line.")
        : new($"El torn {number} ha passat al lloc {toDesk}.", $"El turno {number} ha pasado al puesto {toDesk}.", $"Ticket {number} was moved to desk {toDesk}.");

    public static LocalizedText Missed(string number, int calls) => new(
        $"El torn {number} s'ha perdut: no t'hem trobat després {Counting.CatalanDe(calls, "crida", "crides")}.",
        $"El turno {number} se ha perdido: no te encontramos tras {Counting.Count(calls, "llamada", "llamadas")}.",
        $"Ticket {number} was missed: you did not come after {Counting.Count(calls, "call", "calls")}.");

    public static LocalizedText IsNext(string number) => new(
        $"El torn {number} és el següent: apropa't a l'oficina.", $"El turno {number} es el siguiente: acércate a la oficina.", $"Ticket {number} is next: please come to the office.");

    private static LocalizedText LineName(string line) => line switch
    {
        "point0" => new("Punt 0", "Punto 0", "Point 0"),
        "general" => new("d'atenció general", "de atención general", "general"),
        "priority" => new("d'atenció preferent", "de atención preferente", "priority"),
        "appointment" => new("de cita prèvia", "de cita previa", "appointment"),
        _ => new(line, line, line),
    };
}
