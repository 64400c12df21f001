namespace Omnichannel.StaffConsole.Texts;

/// <summary>The demand board's push state (Components/Pages/BoardPage.razor): live, or reconnecting — said in words and a
/// symbol, not by colour alone.</summary>
public sealed partial class T
{
    private static readonly Dictionary<string, (string Ca, string Es, string En)> BoardWords = new()
    {
        ["board-connecting"] = ("Connectant…", "Conectando…", "Connecting…"),
        ["board-live"] = ("En directe", "En directo", "Live"),
        ["board-reconnecting"] = ("S'ha perdut la connexió. Reconnectant… El tauler es torna a llegir cada poc temps mentrestant.",
            "Se ha perdido la conexión. Reconectando… Mientras tanto, el panel se vuelve a leer cada poco tiempo.",
            "Connection lost. Reconnecting… Meanwhile the board is read again every little while."),
    };
}
