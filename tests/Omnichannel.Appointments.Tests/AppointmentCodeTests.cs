using System.Text.RegularExpressions;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Tests;

public sealed partial class AppointmentCodeTests
{
    private const string Alphabet = Crockford.Alphabet;

    /// <summary>The nine symbols after the C (random eight and the check), without the hyphen.</summary>
    private static string Body(string code) => code.Replace("-", "")[1..];

    private static string Code(string body) => $"C{body[..4]}-{body[4..]}";

    /// <summary>The one check symbol that completes eight symbols, found from the outside. Fails unless exactly one does.</summary>
    private static string Complete(string payload) =>
        payload + Assert.Single(Alphabet, c => AppointmentCode.Normalize(Code(payload + c)) is not null);

    /// <summary>Codes as issued plus a seeded set (reproducible), including the all-zero and all-Z corners.</summary>
    private static IEnumerable<string> SampleBodies()
    {
        for (var i = 0; i < 200; i++) yield return Body(AppointmentCode.New());
        var random = new Random(20261201);
        for (var i = 0; i < 200; i++) yield return Complete(new string([.. Enumerable.Range(0, 8).Select(_ => Alphabet[random.Next(32)])]));
        yield return Complete("00000000");
        yield return Complete("ZZZZZZZZ");
        yield return Complete("0Z0Z0Z0Z");
    }

    [GeneratedRegex("^C[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$")]
    private static partial Regex Shape();

    [Fact]
    public void A_new_code_is_a_C_and_nine_Crockford_symbols_shown_in_two_groups_and_valid_as_shown()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var code = AppointmentCode.New();
            Assert.Matches(Shape(), code);
            Assert.Equal((CodeReading.Valid, code), AppointmentCode.Read(code));
        }
    }

    [Fact]
    public void New_codes_draw_their_eight_random_symbols_from_the_whole_alphabet()
    {
        var seen = Enumerable.Range(0, 5_000).SelectMany(_ => Body(AppointmentCode.New())[..8]).ToHashSet();
        Assert.Equal(Alphabet.ToHashSet(), seen);
    }

    [Fact]
    public void Exactly_one_check_symbol_completes_any_eight_symbols()
    {
        foreach (var body in SampleBodies()) Assert.Equal(body, Complete(body[..8]));
    }

    [Fact]
    public void Every_single_substitution_of_every_symbol_at_every_position_is_read_as_a_typo()
    {
        // Exhaustive over position × original × replacement (9 × 32 × 31) on each sample code.
        foreach (var body in SampleBodies())
            for (var position = 0; position < body.Length; position++)
                foreach (var replacement in Alphabet.Where(c => c != body[position]))
                {
                    var typo = Code(body[..position] + replacement + body[(position + 1)..]);
                    Assert.True(AppointmentCode.Read(typo).Reading == CodeReading.Typo, $"{typo} (from {Code(body)}) passed the check");
                }
    }

    [Fact]
    public void Every_adjacent_swap_of_different_symbols_is_read_as_a_typo_including_0_and_Z_and_the_check_symbol()
    {
        // The check is linear, so whether a swap is caught depends only on the two symbols and their positions, not on
        // the rest of the code: every position × every ordered pair of different symbols, on one background, is a proof.
        var background = Body(AppointmentCode.New());
        var tried = new HashSet<(int Position, char A, char B)>();
        void Swap(string original, int position)
        {
            var swapped = original[..position] + original[position + 1] + original[position] + original[(position + 2)..];
            Assert.True(AppointmentCode.Read(Code(swapped)).Reading == CodeReading.Typo, $"{Code(swapped)} (from {Code(original)}) passed the check");
            tried.Add((position, original[position], original[position + 1]));
        }
        for (var position = 0; position < 7; position++)
            foreach (var a in Alphabet)
                foreach (var b in Alphabet.Where(b => b != a))
                    Swap(Complete(background[..position] + a + b + background[(position + 2)..8]), position);
        // The last random symbol and the check symbol: the check is whatever completes the code, so the first symbol is
        // varied too, which makes the check take every value.
        foreach (var a in Alphabet)
            foreach (var first in Alphabet)
                if (Complete(first + background[1..7] + a) is var original && original[8] != a) Swap(original, 7);
        Assert.Equal(8 * 32 * 31, tried.Count);

        // And on every sample code, every swap of two different symbols, adjacent or not (the weights all differ).
        foreach (var body in SampleBodies())
            for (var i = 0; i < body.Length; i++)
                for (var j = i + 1; j < body.Length; j++)
                {
                    if (body[i] == body[j]) continue;
                    var swapped = body.ToCharArray();
                    (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                    Assert.True(AppointmentCode.Read(Code(new string(swapped))).Reading == CodeReading.Typo, $"{new string(swapped)} (from {body}) passed");
                }
    }

    [Fact]
    public void What_someone_typed_is_read_forgiving_case_spaces_hyphens_and_look_alike_letters()
    {
        var code = Code(Complete("01K0M1QR"));
        Assert.Equal(code, AppointmentCode.Normalize(code.ToLowerInvariant()));
        Assert.Equal(code, AppointmentCode.Normalize(" " + code.Replace("-", " ").Replace('0', 'O').Replace("1", "l") + " "));
        Assert.Equal(code, AppointmentCode.Normalize(code.Replace("-", "").Replace('1', 'I')));
    }

    [Theory]
    [InlineData("")]
    [InlineData("C1234-ABCD")]     // the old format: eight symbols, no check
    [InlineData("X01K0-M1QRZ")]    // not a C
    [InlineData("C01K0-M1QRZZ")]   // too long
    [InlineData("C01K0-M1QU*")]    // U and * are in no code
    public void Anything_not_shaped_like_a_code_is_not_a_code_rather_than_a_typo(string typed)
    {
        Assert.Equal((CodeReading.NotACode, null), AppointmentCode.Read(typed));
        var rejection = Assert.Throws<Rejection>(() => AppointmentCode.Require(typed));
        Assert.Equal(("code", RejectionKind.Invalid), (rejection.Field, rejection.Kind));
        Assert.Contains("CXXXX-XXXXX", rejection.Message);
    }

    [Fact]
    public void A_typo_is_refused_saying_the_code_has_a_typo()
    {
        var body = Complete("01K0M1QR");
        var typo = Code(body[..8] + Alphabet[(Alphabet.IndexOf(body[8]) + 1) % 32]);
        var rejection = Assert.Throws<Rejection>(() => AppointmentCode.Require(typo));
        Assert.Equal(("code", RejectionKind.Invalid), (rejection.Field, rejection.Kind));
        Assert.Contains("typo", rejection.Message);
    }
}
