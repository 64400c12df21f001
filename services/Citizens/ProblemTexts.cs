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
        ["Not a consent text the platform shows: name the purpose and version of the text in contracts/ConsentTexts.cs."] =
            ("No és un text de consentiment que mostri la plataforma: indiqueu la finalitat i la versió del text de contracts/ConsentTexts.cs.",
             "No es un texto de consentimiento que muestre la plataforma: indique la finalidad y la versión del texto de contracts/ConsentTexts.cs."),
        ["This citizen gave no such consent."] = ("Aquest ciutadà no ha donat aquest consentiment.", "Este ciudadano no ha dado este consentimiento."),
        ["This consent is already withdrawn."] = ("Aquest consentiment ja està retirat.", "Este consentimiento ya está retirado."),
        // Endpoint and decision messages a citizen-facing screen can show (ProblemTextsTests reads them from the source).
        ["There is no such citizen."] =
            ("No hi ha cap ciutadà com aquest.", "No hay ningún ciudadano como este."),
        ["This {kind} is already linked to another citizen."] =
            ("Aquest {kind} ja està vinculat a un altre ciutadà.", "Este {kind} ya está vinculado a otro ciudadano."),
        ["One of these identities was just linked to another citizen."] =
            ("Una d'aquestes identitats s'acaba de vincular a un altre ciutadà.", "Una de estas identidades se acaba de vincular a otro ciudadano."),
        ["This citizen already has a verified national id; unlink it first."] =
            ("Aquest ciutadà ja té un document d'identitat verificat; desvinculeu-lo primer.", "Este ciudadano ya tiene un documento de identidad verificado; desvincúlelo primero."),
        ["No citizen has this identity."] =
            ("Cap ciutadà no té aquesta identitat.", "Ningún ciudadano tiene esta identidad."),
        ["This citizen is already registered."] =
            ("Aquest ciutadà ja està registrat.", "Este ciudadano ya está registrado."),
    };
}
