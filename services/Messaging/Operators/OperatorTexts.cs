using Omnichannel.Contracts;

namespace Omnichannel.Messaging.Operators;

/// <summary>What citizens are told about the operators, in Catalan, Spanish and English.</summary>
public static class OperatorTexts
{
    public static readonly LocalizedText HandedOver = new(
        "Et passem amb una persona de l'Oficina d'Atenció Ciutadana: et respondrà per aquí mateix tan aviat com pugui.",
        "Te pasamos con una persona de la Oficina de Atención Ciudadana: te responderá por aquí mismo en cuanto pueda.",
        "We are passing you to a person at the Citizen Service Office: they will answer you here as soon as they can.");

    public static readonly LocalizedText StillWaiting = new(
        "Ja ets a la cua: una persona de l'oficina et respondrà per aquí mateix.",
        "Ya estás en la cola: una persona de la oficina te responderá por aquí mismo.",
        "You are already in the queue: a person from the office will answer you here.");

    public static string OutOfHours(string language, string hours) => language switch
    {
        "es" => $"Ahora no hay nadie para atenderte: las personas de la oficina responden {hours}.",
        "en" => $"Nobody can answer you right now: the office's staff answer {hours}.",
        _ => $"Ara no hi ha ningú per atendre't: les persones de l'oficina responen {hours}.",
    };
}
