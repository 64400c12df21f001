using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

public class CountingTests
{
    [Theory]
    [InlineData(1, "d'1 crida")]
    [InlineData(11, "d'11 crides")]
    [InlineData(11000, "d'11000 crides")]
    [InlineData(1000000, "d'1000000 crides")]
    [InlineData(2, "de 2 crides")]
    [InlineData(0, "de 0 crides")]
    [InlineData(8, "de 8 crides")]
    [InlineData(10, "de 10 crides")]
    [InlineData(12, "de 12 crides")]
    [InlineData(21, "de 21 crides")]
    [InlineData(100, "de 100 crides")]
    [InlineData(111, "de 111 crides")]
    [InlineData(1000, "de 1000 crides")]
    [InlineData(1500, "de 1500 crides")]
    public void Catalan_elides_de_before_a_number_said_with_a_vowel(long n, string expected)
    {
        Assert.Equal(expected, Counting.CatalanDe(n, "crida", "crides"));
    }

    [Theory]
    [InlineData(0, "0 calls")]
    [InlineData(1, "1 call")]
    [InlineData(2, "2 calls")]
    [InlineData(11, "11 calls")]
    public void Only_one_takes_the_singular(long n, string expected)
    {
        Assert.Equal(expected, Counting.Count(n, "call", "calls"));
    }
}

public class QueueTextsTests
{
    [Fact]
    public void A_ticket_missed_after_one_call_says_one_call_in_each_language()
    {
        Assert.Equal(
            new LocalizedText(
                "El torn A-001 s'ha perdut: no t'hem trobat després d'1 crida.",
                "El turno A-001 se ha perdido: no te encontramos tras 1 llamada.",
                "Ticket A-001 was missed: you did not come after 1 call."),
            QueueTexts.Missed("A-001", 1));
    }

    [Fact]
    public void A_ticket_missed_after_several_calls_says_them_in_the_plural()
    {
        Assert.Equal(
            new LocalizedText(
                "El torn A-001 s'ha perdut: no t'hem trobat després de 3 crides.",
                "El turno A-001 se ha perdido: no te encontramos tras 3 llamadas.",
                "Ticket A-001 was missed: you did not come after 3 calls."),
            QueueTexts.Missed("A-001", 3));
    }

    [Fact]
    public void Eleven_calls_elide_de_in_Catalan()
    {
        Assert.Contains("després d'11 crides", QueueTexts.Missed("A-001", 11).Ca);
    }

    [Fact]
    public void A_first_call_says_no_number()
    {
        Assert.Equal(
            new LocalizedText("El torn A-001 ha estat cridat al lloc 3.", "El turno A-001 ha sido llamado al puesto 3.", "Ticket A-001 was called to desk 3."),
            QueueTexts.Called("A-001", "3", 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(11)]
    public void A_recall_gives_its_ordinal_in_each_language(int call)
    {
        Assert.Equal(
            new LocalizedText(
                $"El torn A-001 ha estat cridat de nou ({call}a vegada) al lloc 3.",
                $"El turno A-001 ha sido llamado de nuevo ({call}ª vez) al puesto 3.",
                $"Ticket A-001 was called again (call {call}) to desk 3."),
            QueueTexts.Called("A-001", "3", call));
    }
}
