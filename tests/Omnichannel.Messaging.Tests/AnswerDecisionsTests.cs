using Omnichannel.Contracts;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.DemoData;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Tests;

/// <summary>From what a message asks (and what a code led to) to the reply, without a server.</summary>
public sealed class AnswerDecisionsTests
{
    private static readonly KeywordSet Demo = DemoKeywords.ReadAsync().GetAwaiter().GetResult();
    private static readonly Guid Anna = Guid.NewGuid();
    private static readonly Guid Someone = Guid.NewGuid();
    private static readonly DateTimeOffset Monday10 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero); // 10:00 in Madrid

    private static Reply Answer(string text, string language = "ca", Guid? asker = null, CodeStatus? status = null) =>
        AnswerDecisions.Decide(Demo, KeywordMatching.Read(Demo, text), language, asker, status);

    [Fact]
    public void A_keyword_is_answered_in_the_language_of_the_conversation()
    {
        var reply = Answer("HORARIO", language: "en");
        Assert.Equal((ReplyReasons.Keyword, "horari"), (reply.Reason, reply.Keyword));
        Assert.StartsWith("The Citizen Service Office", reply.Text);
    }

    [Fact]
    public void The_list_names_every_keyword_in_the_language_it_was_asked_in_and_which_take_a_code()
    {
        var reply = Answer("PALABRAS CLAVE", language: "ca");
        Assert.Equal(ReplyReasons.KeywordList, reply.Reason);
        Assert.StartsWith("Palabras clave", reply.Text);
        Assert.Contains("• HORARIO", reply.Text);
        Assert.Contains("• PADRÓN", reply.Text);
        Assert.Contains("• CITA + tu código", reply.Text);
        Assert.Contains("• TRÁMITE + tu código", reply.Text);
        Assert.Equal(Demo.Keywords.Count + 1, reply.Text.Split('\n').Length);
    }

    [Fact]
    public void An_appointment_code_of_the_asker_gives_its_status_in_their_language()
    {
        var reply = Answer("cita C1234-56789", "es", Anna, new CodeStatus.AppointmentFound("C1234-56789", "booked", Monday10, "connecta-space", Anna));
        Assert.Equal("Cita C1234-56789: confirmada. 07/12/2026 10:00 h, oficina connecta-space.", reply.Text);
        Assert.Equal(ReplyReasons.CodeStatus, reply.Reason);
    }

    [Fact]
    public void A_case_code_gives_the_procedure_and_where_it_stands()
    {
        var name = new LocalizedText("Certificat de padró", "Certificado de padrón", "Census certificate");
        var reply = Answer("tràmit T1234-56789", "ca", Anna, new CodeStatus.CaseFound("T1234-56789", "in-review", name, "census-certificate", Monday10, Anna));
        Assert.Equal("Tràmit T1234-56789 (Certificat de padró): en tràmit des del 07/12/2026.", reply.Text);
    }

    [Fact]
    public void A_code_of_someone_else_reads_exactly_as_a_code_nobody_was_given()
    {
        var foreign = Answer("cita C1234-56789", "ca", Anna, new CodeStatus.AppointmentFound("C1234-56789", "booked", Monday10, "connecta-space", Someone));
        var unknown = Answer("cita C1234-56789", "ca", Anna, new CodeStatus.NotFound());
        Assert.Equal(unknown, foreign);
        Assert.DoesNotContain("connecta-space", foreign.Text);
        Assert.DoesNotContain("07/12", foreign.Text);
    }

    [Fact]
    public void An_unlinked_chat_holding_a_code_sees_what_the_public_look_up_by_code_shows()
    {
        var reply = Answer("cita C1234-56789", "en", null, new CodeStatus.AppointmentFound("C1234-56789", "cancelled", Monday10, "connecta-space", Someone));
        Assert.StartsWith("Appointment C1234-56789: cancelled.", reply.Text);
    }

    [Fact]
    public void A_typo_and_a_neighbour_that_cannot_answer_are_told_apart_from_a_wrong_code()
    {
        Assert.Equal(MessagingTexts.CodeTypo.Ca, Answer("cita C1234-56788", status: new CodeStatus.Typo()).Text);
        Assert.Equal(MessagingTexts.LookupUnavailable.Es, Answer("cita C1234-56789", "es", status: new CodeStatus.Unavailable()).Text);
    }

    [Fact]
    public void A_keyword_that_looks_up_without_a_code_gives_its_own_answer()
    {
        var reply = Answer("CITA", "ca");
        Assert.Equal(ReplyReasons.Keyword, reply.Reason);
        Assert.Contains("CITA C1234-56789", reply.Text);
    }

    [Fact]
    public void A_message_no_keyword_answers_points_to_the_list()
    {
        var reply = Answer("Hola, tinc un problema amb la llum del carrer", "ca");
        Assert.Equal((ReplyReasons.Unanswered, MessagingTexts.Unanswered.Ca), (reply.Reason, reply.Text));
    }
}
