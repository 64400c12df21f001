using Omnichannel.StaffConsole.Kiosk;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The kiosk's ticket says "nobody: you are next" in the citizen's language where it would say 0 people ahead.</summary>
public sealed class TurnWordsTests
{
    [Theory]
    [InlineData("ca", "Ningú: sou el següent")]
    [InlineData("es", "Nadie: es el siguiente")]
    [InlineData("en", "Nobody: you are next")]
    public void A_ticket_with_nobody_ahead_says_you_are_next(string language, string expected) =>
        Assert.Equal(expected, KioskScreen.Ahead(0, key => T.In(language, key)));

    [Fact]
    public void A_ticket_with_people_ahead_says_how_many() =>
        Assert.Equal("3", KioskScreen.Ahead(3, key => T.In("ca", key)));
}
