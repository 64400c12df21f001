using Omnichannel.Contracts;
using Omnichannel.Procedures.Catalogue.Browsing;
using Xunit;

namespace Omnichannel.Procedures.Tests.Catalogue;

public class SearchTests
{
    private static readonly ProcedureView Census = new()
    {
        Code = "census-registration",
        Names = new LocalizedText("Alta al Padró municipal", "Alta en el Padrón municipal", "Registration in the municipal census"),
        Keywords = ["empadronar", "volant"],
    };

    private static readonly ProcedureView SchoolEnrolment = new()
    {
        Code = "school-pre-enrolment",
        Names = new LocalizedText("Preinscripció al col·legi", "Preinscripción escolar", "School pre-enrolment"),
        Keywords = ["escola"],
    };

    [Theory]
    [InlineData("padro")]
    [InlineData("Padró")]
    [InlineData("PADRÓ")]
    [InlineData("pàdro")]
    [InlineData("  padro  ")]
    public void Typing_padro_finds_Padro_whatever_the_accents_and_case(string typed)
    {
        Assert.True(Census.Matches(typed));
    }

    [Fact]
    public void The_Spanish_name_is_searched()
    {
        // "padron" is in the Spanish name only: the Catalan one says "Padró".
        Assert.True(Census.Matches("Padrón"));
    }

    [Fact]
    public void The_English_name_is_searched()
    {
        Assert.True(Census.Matches("Municipal Census"));
    }

    [Fact]
    public void Keywords_are_searched()
    {
        Assert.True(Census.Matches("volant"));
        Assert.True(Census.Matches("EMPADRONAR"));
    }

    [Fact]
    public void The_code_is_searched()
    {
        Assert.True(Census.Matches("census-registration"));
    }

    [Fact]
    public void Part_of_a_word_is_enough()
    {
        Assert.True(Census.Matches("regist"));
    }

    [Theory]
    [InlineData("collegi")]
    [InlineData("col·legi")]
    [InlineData("COL·LEGI")]
    public void The_Catalan_middle_dot_does_not_matter(string typed)
    {
        Assert.True(SchoolEnrolment.Matches(typed));
    }

    [Theory]
    [InlineData("parking")]
    [InlineData("escola")]
    [InlineData("padrons")]
    public void Unrelated_text_finds_nothing(string typed)
    {
        Assert.False(Census.Matches(typed));
    }

    [Theory]
    [InlineData("Àéïòúç", "aeiouc")]
    [InlineData("Espanya i España", "espanya i espana")]
    [InlineData("  Col·legi  ", "collegi")]
    [InlineData("ÜÑÇ", "unc")]
    public void Folding_drops_case_accents_and_the_middle_dot(string text, string folded)
    {
        Assert.Equal(folded, ProcedureView.Fold(text));
    }
}
