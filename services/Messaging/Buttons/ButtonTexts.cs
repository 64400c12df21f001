using Omnichannel.Contracts;

namespace Omnichannel.Messaging.Buttons;

/// <summary>What a citizen is told about buttons, in Catalan, Spanish and English.</summary>
public static class ButtonTexts
{
    /// <summary>The reply to a press on a button whose keyword no longer exists (or data that is not ours).</summary>
    public static readonly LocalizedText NoLongerAvailable = new(
        "Aquesta opció ja no està disponible. Envia PARAULES CLAU per veure què et podem respondre.",
        "Esta opción ya no está disponible. Envía PALABRAS CLAVE para ver qué te podemos responder.",
        "This option is no longer available. Send KEYWORDS to see what we can answer.");

    /// <summary>The short notice Telegram shows on top of the chat for such a press (answerCallbackQuery, ≤ 200 characters).</summary>
    public static readonly LocalizedText NoLongerAvailableShort = new(
        "Opció no disponible", "Opción no disponible", "Option no longer available");

    /// <summary>The button that opens a WhatsApp list of a keyword's choices (≤ 20 characters).</summary>
    public static readonly LocalizedText ListButton = new("Veure opcions", "Ver opciones", "See options");

    /// <summary>The title over the list's rows (≤ 24 characters).</summary>
    public static readonly LocalizedText ListSection = new("Tria una opció", "Elige una opción", "Choose an option");
}
