using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Procedures;

/// <summary>The procedures' problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each
/// new English message; a test names any validator message missing here).</summary>
internal sealed class ProceduresProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        ["Tell the citizen why, or what is needed from them."] = ("Expliqueu al ciutadà el motiu, o què cal que aporti.", "Explique al ciudadano el motivo, o qué debe aportar."),
        ["Use lower-case letters, digits and hyphens, e.g. 'census-certificate'."] =
            ("Feu servir lletres minúscules, xifres i guionets, per exemple 'census-certificate'.", "Use letras minúsculas, cifras y guiones, por ejemplo 'census-certificate'."),
        ["This word is reserved; choose another code."] = ("Aquesta paraula és reservada; trieu un altre codi.", "Esta palabra está reservada; elija otro código."),
        ["Say at least one channel where the procedure can be done."] = ("Indiqueu almenys un canal on es pugui fer el tràmit.", "Indique al menos un canal donde se pueda hacer el trámite."),
        ["At most 30 documents."] = ("Com a màxim 30 documents.", "Como máximo 30 documentos."),
        ["At most 40 keywords."] = ("Com a màxim 40 paraules clau.", "Como máximo 40 palabras clave."),
        ["Give an absolute http(s) link."] = ("Indiqueu un enllaç http(s) complet.", "Indique un enlace http(s) completo."),
        ["A procedure offered online needs the e-office link where it is done."] =
            ("Un tràmit en línia necessita l'enllaç de la seu electrònica on es fa.", "Un trámite en línea necesita el enlace de la sede electrónica donde se hace."),
        ["A case cannot go back to Submitted."] = ("Un expedient no pot tornar a l'estat de presentat.", "Un expediente no puede volver al estado de presentado."),
        ["Give the notification a title."] = ("Poseu un títol a la notificació.", "Ponga un título a la notificación."),
        ["Write the notification's text."] = ("Escriviu el text de la notificació.", "Escriba el texto de la notificación."),
        ["Write it in the citizen's language: one of ca, es, en."] =
            ("Escriviu-la en la llengua del ciutadà: ca, es o en.", "Escríbala en la lengua del ciudadano: ca, es o en."),
        // Endpoint and decision messages a citizen-facing screen can show (ProblemTextsTests reads them from the source).
        ["There is no such notification."] =
            ("No hi ha cap notificació com aquesta.", "No hay ninguna notificación como esta."),
        ["A notification is accessed through one of: {channels}."] =
            ("Una notificació s'obre per un d'aquests canals: {channels}.", "Una notificación se abre por uno de estos canales: {channels}."),
        ["This case was already submitted."] =
            ("Aquest expedient ja s'havia presentat.", "Este expediente ya se había presentado."),
        ["Procedure '{procedure}' has been withdrawn and no longer accepts cases."] =
            ("El tràmit '{procedure}' s'ha retirat i ja no admet expedients.", "El trámite '{procedure}' se ha retirado y ya no admite expedientes."),
        ["'{procedure}' cannot be done through {channel}; it can through: {channels}."] =
            ("'{procedure}' no es pot fer per {channel}; es pot fer per: {channels}.", "'{procedure}' no se puede hacer por {channel}; se puede hacer por: {channels}."),
        ["No case has this tracking code."] =
            ("Cap expedient no té aquest codi de seguiment.", "Ningún expediente tiene este código de seguimiento."),
        ["There is no such case."] =
            ("No hi ha cap expedient com aquest.", "No hay ningún expediente como este."),
        ["Point 0 serves procedures of up to {max} minutes; this one takes {minutes}."] =
            ("El Punt 0 atén tràmits de fins a {max} minuts; aquest en dura {minutes}.", "El Punto 0 atiende trámites de hasta {max} minutos; este dura {minutes}."),
    };
}
