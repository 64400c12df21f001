namespace Omnichannel.StaffConsole.Texts;

public sealed partial class T
{
    /// <summary>The conversations panel's files (a chat's photo, video or document; an e-mail's attachment).</summary>
    private static readonly Dictionary<string, (string Ca, string Es, string En)> ConversationFilesWords = new()
    {
        ["convfiles-download"] = ("Descarrega", "Descargar", "Download"),
        ["convfiles-files"] = ("Fitxers que ha enviat", "Archivos que ha enviado", "Files they sent"),
        ["convfiles-pending"] = ("fitxer pendent de rebre", "archivo pendiente de recibir", "file still being fetched"),
    };
}
