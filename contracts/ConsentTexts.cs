using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Contracts;

/// <summary>One version of a consent text a screen shows before a person agrees: what they agree to
/// (<paramref name="Purpose"/>, a code), in the three languages. A text once shown is never edited: a new wording is a
/// new version, so the hash of what a person saw can always be computed again (GDPR art. 7(1)).</summary>
public sealed record ConsentText(string Purpose, string Version, LocalizedText Text)
{
    /// <summary>SHA-256 (lower-case hex) of the text exactly as shown in <paramref name="language"/> (UTF-8).</summary>
    public string Sha256(string language) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text.In(language))));
}

/// <summary>
/// The consent texts of the platform's screens, every version ever shown, read by the screen that shows one and by the
/// citizens service that records a consent given to it (purpose, version, language and the text's hash): one place,
/// so what is recorded is what was shown. Append a version; never change one.
/// </summary>
public static class ConsentTexts
{
    /// <summary>Registering in person (at a kiosk): the council keeps the name, the DNI/NIE and a phone or e-mail to
    /// manage the person's appointments and remind them of them.</summary>
    public const string AppointmentsAndReminders = "appointments-and-reminders";

    public static readonly ConsentText InPersonRegistration = new(AppointmentsAndReminders, "2026-11-30", new(
        "Estic d'acord que l'Ajuntament guardi el meu nom, el meu DNI o NIE i el telèfon o el correu que hi posi, per gestionar les meves cites i enviar-me'n avisos. Ho puc consultar, canviar o fer esborrar a qualsevol oficina.",
        "Estoy de acuerdo en que el Ayuntamiento guarde mi nombre, mi DNI o NIE y el teléfono o el correo que ponga, para gestionar mis citas y enviarme avisos de ellas. Puedo consultarlo, cambiarlo o pedir que se borre en cualquier oficina.",
        "I agree that the council keeps my name, my DNI or NIE and the phone or e-mail I give, to manage my appointments and send me reminders about them. I can see, change or have them deleted at any office."));

    public static readonly IReadOnlyList<ConsentText> All = [InPersonRegistration];

    /// <summary>The version of a purpose's text, or null when no screen ever showed it.</summary>
    public static ConsentText? Find(string? purpose, string? version) =>
        All.FirstOrDefault(t => t.Purpose == purpose && t.Version == version);

    /// <summary>How a purpose reads in a citizen's history and export.</summary>
    public static LocalizedText PurposeName(string purpose) => purpose switch
    {
        AppointmentsAndReminders => new("gestionar les cites i enviar-ne avisos", "gestionar las citas y enviar avisos de ellas", "managing appointments and sending reminders about them"),
        _ => new(purpose, purpose, purpose),
    };
}
