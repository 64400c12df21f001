using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.BuildingBlocks.Tests.PersonalData;

public sealed class PersonalFieldsTests
{
    private sealed record Place([Personal] string Address, double Latitude);
    private sealed record Reported([NotPersonal] string Kind, [Personal] string Description, [Personal] Place? Where, [Personal] IReadOnlyList<string> Phones,
        [NotPersonal] IReadOnlyList<string> Tags, Guid CitizenId);
    private sealed record Careless([NotPersonal] string Kind, string Words, Place Nested);
    private sealed record Nested(Inner Inner);
    private sealed record Inner(string Text);

    [Fact]
    public void Masking_blanks_personal_strings_lists_and_nested_values_and_keeps_the_rest()
    {
        var citizen = Guid.NewGuid();
        var e = new Reported("complaint", "My neighbour at no. 3", new Place("Riera 3", 41.5), ["+34612345678"], ["lighting"], citizen);

        PersonalFields.Mask(e);

        Assert.Equal("complaint", e.Kind);
        Assert.Equal(PersonalFields.Masked, e.Description);
        Assert.Equal(PersonalFields.Masked, e.Where!.Address);
        Assert.Equal(0, e.Where.Latitude);
        Assert.Equal([PersonalFields.Masked], e.Phones);
        Assert.Equal(["lighting"], e.Tags);
        Assert.Equal(citizen, e.CitizenId);
    }

    [Fact]
    public void Personal_values_are_listed_before_masking_and_none_after()
    {
        var e = new Reported("complaint", "words", new Place("Riera 3", 41.5), ["+34612345678"], ["lighting"], Guid.NewGuid());

        Assert.Equal(["words", "Riera 3", "+34612345678"], PersonalFields.PersonalValues(e));
        PersonalFields.Mask(e);
        Assert.Empty(PersonalFields.PersonalValues(e));
    }

    [Fact]
    public void Undeclared_string_members_are_named_with_their_path()
    {
        Assert.Equal(["Words"], PersonalFields.Undeclared(typeof(Careless)));
        Assert.Equal(["Inner.Text"], PersonalFields.Undeclared(typeof(Nested)));
        Assert.Empty(PersonalFields.Undeclared(typeof(Reported)));
    }
}
