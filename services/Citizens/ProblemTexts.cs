using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Citizens;

/// <summary>The citizens' problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each new
/// English message; a test names any validator message missing here). Its validators' words are shared ones.</summary>
internal sealed class CitizensProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        ["Give at least one identity: phone, email, telegramChatId, whatsAppNumber or nationalId."] =
            ("Indiqueu almenys una identitat: phone, email, telegramChatId, whatsAppNumber o nationalId.", "Indique al menos una identidad: phone, email, telegramChatId, whatsAppNumber o nationalId."),
        ["Not a DNI or NIE: 8 digits and a letter (12345678Z), or X/Y/Z, 7 digits and a letter (X1234567L)."] =
            ("No és un DNI ni un NIE: 8 xifres i una lletra (12345678Z), o X/Y/Z, 7 xifres i una lletra (X1234567L).",
             "No es un DNI ni un NIE: 8 cifras y una letra (12345678Z), o X/Y/Z, 7 cifras y una letra (X1234567L)."),
        ["The check letter does not match the number: please check it for typos."] =
            ("La lletra de control no correspon al número: reviseu si hi ha cap error.", "La letra de control no corresponde al número: revise si hay algún error."),
        ["Not a Telegram chat id (a positive number)."] = ("No és un identificador de xat de Telegram (un nombre positiu).", "No es un identificador de chat de Telegram (un número positivo)."),
        ["Unknown identity kind; use one of: {kinds}."] = ("Tipus d'identitat desconegut; feu servir un d'aquests: {kinds}.", "Tipo de identidad desconocido; use uno de estos: {kinds}."),
        ["Empty."] = ("Buit.", "Vacío."),
    };
}
