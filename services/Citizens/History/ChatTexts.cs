using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>History lines of the messaging service: a chat conversation and its hand-overs to the office's people.</summary>
public static class ChatTexts
{
    private static string Name(string? channel) => channel switch { "whatsapp" => "WhatsApp", "telegram" => "Telegram", _ => channel ?? "xat" };

    public static LocalizedText Started(string? channel) => new(
        $"Conversa iniciada per {Name(channel)}.",
        $"Conversación iniciada por {Name(channel)}.",
        $"Conversation started on {Name(channel)}.");

    public static LocalizedText HandedOver(string? channel, string reason) => reason == "requested"
        ? new($"Has demanat parlar amb una persona per {Name(channel)}: la conversa ha passat a l'oficina.",
            $"Has pedido hablar con una persona por {Name(channel)}: la conversación ha pasado a la oficina.",
            $"You asked to talk to a person on {Name(channel)}: the conversation went to the office.")
        : new($"La teva conversa per {Name(channel)} ha passat a una persona de l'oficina.",
            $"Tu conversación por {Name(channel)} ha pasado a una persona de la oficina.",
            $"Your conversation on {Name(channel)} went to a person at the office.");

    public static LocalizedText HandoverClosed(string? channel, bool answered) => answered
        ? new($"L'oficina t'ha atès per {Name(channel)}.", $"La oficina te ha atendido por {Name(channel)}.", $"The office answered you on {Name(channel)}.")
        : new($"L'oficina ha tancat la conversa per {Name(channel)}.", $"La oficina ha cerrado la conversación por {Name(channel)}.", $"The office closed the conversation on {Name(channel)}.");
}

/// <summary>History lines of what messaging told a citizen on their own channel (a notice and how it went) and of
/// their broadcast lists (joined, left, STOP).</summary>
public static class ChatNoticeTexts
{
    private static string Channel(string? channel, string language) => (channel, language) switch
    {
        ("telegram", _) => "Telegram",
        ("whatsapp", _) => "WhatsApp",
        ("sms", _) => "SMS",
        ("email", "ca") => "correu electrònic",
        ("email", "es") => "correo electrónico",
        ("email", _) => "e-mail",
        (null or "", "ca") => "cap canal",
        (null or "", "es") => "ningún canal",
        (null or "", _) => "no channel",
        _ => channel!,
    };

    /// <summary>What the notice was about, as the citizen knows it.</summary>
    public static LocalizedText About(string notice) => notice switch
    {
        "appointment-reminder" => new("el recordatori de la cita", "el recordatorio de la cita", "the appointment reminder"),
        "appointment-moved-by-closure" => new("el canvi de la cita per tancament de l'oficina", "el cambio de la cita por cierre de la oficina", "the appointment moved because the office closed"),
        "appointment-cancelled-by-closure" => new("l'anul·lació de la cita per tancament de l'oficina", "la anulación de la cita por cierre de la oficina", "the appointment cancelled because the office closed"),
        "waiting-list-place-freed" => new("la plaça lliure de la llista d'espera", "la plaza libre de la lista de espera", "the place freed on the waiting list"),
        "ticket-holder-is-next" => new("l'avís que ets el següent", "el aviso de que eres el siguiente", "the notice that you are next"),
        "incident-progressed" => new("la resposta a la teva incidència", "la respuesta a tu incidencia", "the answer to your incident"),
        "case-status-changed" => new("el nou estat del teu expedient", "el nuevo estado de tu expediente", "your case's new status"),
        "notification-issued" => new("l'avís d'una notificació de l'Ajuntament", "el aviso de una notificación del Ayuntamiento", "the notice of a notification from the council"),
        _ => new("un avís", "un aviso", "a notice"),
    };

    public static LocalizedText Delivery(string notice, string status, string? channel, string? fallbackFrom)
    {
        var about = About(notice);
        return status switch
        {
            "delivered" => new(
                $"T'ha arribat per {Channel(channel, "ca")} {about.Ca}.",
                $"Te ha llegado por {Channel(channel, "es")} {about.Es}.",
                $"{Capital(about.En)} reached you on {Channel(channel, "en")}."),
            "failed" => new(
                $"No t'hem pogut fer arribar {about.Ca} (últim canal provat: {Channel(channel, "ca")}).",
                $"No te hemos podido hacer llegar {about.Es} (último canal probado: {Channel(channel, "es")}).",
                $"We could not get {about.En} to you (last channel tried: {Channel(channel, "en")})."),
            _ when fallbackFrom is not null => new(
                $"T'hem enviat per {Channel(channel, "ca")} {about.Ca} (per {Channel(fallbackFrom, "ca")} no va arribar).",
                $"Te hemos enviado por {Channel(channel, "es")} {about.Es} (por {Channel(fallbackFrom, "es")} no llegó).",
                $"We sent you {about.En} on {Channel(channel, "en")} ({Channel(fallbackFrom, "en")} did not reach you)."),
            _ => new(
                $"T'hem enviat per {Channel(channel, "ca")} {about.Ca}.",
                $"Te hemos enviado por {Channel(channel, "es")} {about.Es}.",
                $"We sent you {about.En} on {Channel(channel, "en")}."),
        };
    }

    // A list is named as the citizen knows it, its name in each language (the code only when the publisher sent no names).

    public static LocalizedText TopicJoined(string? channel, string topic, LocalizedText? names = null) => new(
        $"T'has donat d'alta a la llista «{Name(topic, names, "ca")}» per {Channel(channel, "ca")}.",
        $"Te has dado de alta en la lista «{Name(topic, names, "es")}» por {Channel(channel, "es")}.",
        $"You joined the list “{Name(topic, names, "en")}” on {Channel(channel, "en")}.");

    public static LocalizedText TopicLeft(string? channel, string topic, LocalizedText? names = null) => new(
        $"T'has donat de baixa de la llista «{Name(topic, names, "ca")}» per {Channel(channel, "ca")}.",
        $"Te has dado de baja de la lista «{Name(topic, names, "es")}» por {Channel(channel, "es")}.",
        $"You left the list “{Name(topic, names, "en")}” on {Channel(channel, "en")}.");

    public static LocalizedText OptedOut(string? channel, IReadOnlyList<string> topics, IReadOnlyList<LocalizedText>? names = null) => topics.Count == 0
        ? new($"Has demanat per {Channel(channel, "ca")} no rebre cap avís de les llistes.",
            $"Has pedido por {Channel(channel, "es")} no recibir ningún aviso de las listas.",
            $"You asked on {Channel(channel, "en")} to receive nothing from the lists.")
        : new($"Has demanat per {Channel(channel, "ca")} no rebre cap avís de les llistes: t'has donat de baixa de {Quoted(topics, names, "ca")}.",
            $"Has pedido por {Channel(channel, "es")} no recibir ningún aviso de las listas: te has dado de baja de {Quoted(topics, names, "es")}.",
            $"You asked on {Channel(channel, "en")} to receive nothing from the lists: you left {Quoted(topics, names, "en")}.");

    private static string Name(string topic, LocalizedText? names, string language) =>
        names?.In(language) is { Length: > 0 } name && !string.IsNullOrWhiteSpace(name) ? name : topic;

    private static string Quoted(IReadOnlyList<string> topics, IReadOnlyList<LocalizedText>? names, string language) =>
        string.Join(", ", topics.Select((t, i) => Name(t, names is not null && i < names.Count ? names[i] : null, language))
            .Select(t => language == "en" ? $"“{t}”" : $"«{t}»"));

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
