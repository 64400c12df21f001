using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Identity;

/// <summary>The identity service's problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with
/// each new English message; a test names any validator message missing here).</summary>
internal sealed class IdentityProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        ["Give the user name the person will sign in with, e.g. \"mataro.jgarcia\"."] =
            ("Indiqueu el nom d'usuari amb què la persona iniciarà la sessió, per exemple \"mataro.jgarcia\".", "Indique el nombre de usuario con el que la persona iniciará sesión, por ejemplo \"mataro.jgarcia\"."),
        ["A user name is up to 64 letters, digits or - . _ @ + (no spaces or accents)."] =
            ("Un nom d'usuari té fins a 64 lletres, xifres o - . _ @ + (sense espais ni accents).", "Un nombre de usuario tiene hasta 64 letras, cifras o - . _ @ + (sin espacios ni acentos)."),
        ["Give the person's name."] = ("Indiqueu el nom de la persona.", "Indique el nombre de la persona."),
        ["Another account already has this user name: choose another."] =
            ("Un altre compte ja té aquest nom d'usuari: trieu-ne un altre.", "Otra cuenta ya tiene este nombre de usuario: elija otro."),
    };
}
