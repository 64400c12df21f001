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
