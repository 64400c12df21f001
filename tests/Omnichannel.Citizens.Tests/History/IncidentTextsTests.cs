using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

public class IncidentTextsTests
{
    private static readonly LocalizedText Census = new("Alta al Padró", "Alta en el Padrón", "Census registration");

    [Theory]
    [InlineData("l1-question", "Has enviat una consulta (codi N1234-56789).", "Has enviado una consulta (código N1234-56789).", "You sent a question (code N1234-56789).")]
    [InlineData("complaint", "Has enviat una queixa (codi N1234-56789).", "Has enviado una queja (código N1234-56789).", "You sent a complaint (code N1234-56789).")]
    [InlineData("suggestion", "Has enviat un suggeriment (codi N1234-56789).", "Has enviado una sugerencia (código N1234-56789).", "You sent a suggestion (code N1234-56789).")]
    [InlineData("technical-incident", "Has enviat una incidència tècnica (codi N1234-56789).", "Has enviado una incidencia técnica (código N1234-56789).", "You sent a technical incident (code N1234-56789).")]
    public void A_report_is_told_in_each_language_with_its_kind_and_code(string kind, string ca, string es, string en)
    {
        Assert.Equal(new LocalizedText(ca, es, en), IncidentTexts.Reported(kind, null, "N1234-56789"));
    }

    [Fact]
    public void A_problem_with_an_online_procedure_names_the_procedure()
    {
        Assert.Equal(
            new LocalizedText(
                "Has enviat una incidència amb el tràmit en línia «Alta al Padró» (codi N1234-56789).",
                "Has enviado una incidencia con el trámite en línea «Alta en el Padrón» (código N1234-56789).",
                "You sent a problem with the online procedure “Census registration” (code N1234-56789)."),
            IncidentTexts.Reported("l2-online-procedure", Census, "N1234-56789"));
    }

    [Theory]
    [InlineData("information-requested", "Quin navegador?", "La teva sol·licitud N1234-56789 necessita informació teva — Quin navegador?",
        "Tu solicitud N1234-56789 necesita información tuya — Quin navegador?", "Your request N1234-56789 needs information from you — Quin navegador?")]
    [InlineData("resolved", null, "La teva sol·licitud N1234-56789 s'ha resolt", "Tu solicitud N1234-56789 se ha resuelto", "Your request N1234-56789 has been resolved")]
    [InlineData("information-provided", null, "Has enviat la informació demanada per a la teva sol·licitud N1234-56789.",
        "Has enviado la información pedida para tu solicitud N1234-56789.", "You sent the information asked for on your request N1234-56789.")]
    [InlineData("followed", null, "Segueixes la sol·licitud N1234-56789: t'avisarem quan es resolgui.",
        "Sigues la solicitud N1234-56789: te avisaremos cuando se resuelva.", "You follow request N1234-56789: we will tell you when it is resolved.")]
    [InlineData("followed-resolved", "Reparat.", "La sol·licitud N1234-56789 que segueixes s'ha resolt — Reparat.",
        "La solicitud N1234-56789 que sigues se ha resuelto — Reparat.", "The request N1234-56789 you follow has been resolved — Reparat.")]
    public void A_step_is_told_in_each_language_with_what_the_council_said(string step, string? message, string ca, string es, string en)
    {
        Assert.Equal(new LocalizedText(ca, es, en), IncidentTexts.Progressed(step, "N1234-56789", message));
    }

    [Fact]
    public void A_rating_is_told_in_each_language_with_the_code_and_the_score()
    {
        Assert.Equal(new LocalizedText(
                "Has valorat l'atenció de la teva sol·licitud N1234-56789 amb un 4 sobre 5. Gràcies!",
                "Has valorado la atención de tu solicitud N1234-56789 con un 4 sobre 5. ¡Gracias!",
                "You rated the handling of your request N1234-56789 4 out of 5. Thank you!"),
            IncidentTexts.Rated("N1234-56789", 4));
    }
}
