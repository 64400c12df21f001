using System.Reflection;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.Tests.Codes;

/// <summary>The one personal-code scheme, for every kind of code the platform hands out: exhaustive over every single
/// substitution and every transposition (adjacent or not), found from the outside through <see cref="PersonalCode.Read"/>.</summary>
public sealed class PersonalCodeTests
{
    private const string Alphabet = Crockford.Alphabet;

    public static TheoryData<string> Kinds() => [.. AllKinds().Select(k => k.Prefix.ToString())];

    private static IEnumerable<PersonalCode> AllKinds() => typeof(PersonalCode)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(PersonalCode))
        .Select(f => (PersonalCode)f.GetValue(null)!);

    private static PersonalCode Kind(string prefix) => AllKinds().Single(k => k.Prefix == prefix[0]);

    /// <summary>The symbols of a code, letter included, without the hyphen.</summary>
    private static string Raw(string code) => code.Replace("-", "");

    /// <summary>The one check symbol that completes <paramref name="payload"/> (letter and random symbols), found from the
    /// outside. Fails unless exactly one does.</summary>
    private static string Complete(PersonalCode kind, string payload) =>
        payload + Assert.Single(Alphabet, c => kind.Read(payload + c).Reading == CodeReading.Valid);

    /// <summary>Codes as issued plus a seeded set (reproducible), including the all-zero and all-Z corners.</summary>
    private static IEnumerable<string> Samples(PersonalCode kind)
    {
        for (var i = 0; i < 100; i++) yield return Raw(kind.New());
        var random = new Random(20261129);
        for (var i = 0; i < 100; i++)
            yield return Complete(kind, kind.Prefix + new string([.. Enumerable.Range(0, kind.RandomLength).Select(_ => Alphabet[random.Next(32)])]));
        yield return Complete(kind, kind.Prefix + new string('0', kind.RandomLength));
        yield return Complete(kind, kind.Prefix + new string('Z', kind.RandomLength));
        yield return Complete(kind, kind.Prefix + string.Concat(Enumerable.Repeat("0Z", kind.RandomLength))[..kind.RandomLength]);
    }

    [Fact]
    public void Every_kind_of_code_has_its_own_letter()
    {
        var prefixes = AllKinds().Select(k => k.Prefix).ToList();
        Assert.Equal(prefixes.Count, prefixes.Distinct().Count());
        Assert.Contains('C', prefixes);
        Assert.Contains('T', prefixes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_new_code_is_its_letter_and_Crockford_symbols_in_two_groups_and_valid_as_shown(string prefix)
    {
        var kind = Kind(prefix);
        for (var i = 0; i < 1_000; i++)
        {
            var code = kind.New();
            Assert.Equal(kind.Prefix, code[0]);
            Assert.Equal(kind.Shape.Length, code.Length);
            Assert.Equal(kind.Shape.IndexOf('-'), code.IndexOf('-'));
            Assert.Equal((CodeReading.Valid, code), kind.Read(code));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void New_codes_draw_their_random_symbols_from_the_whole_alphabet(string prefix)
    {
        var kind = Kind(prefix);
        var seen = Enumerable.Range(0, 5_000).SelectMany(_ => Raw(kind.New())[1..^1]).ToHashSet();
        Assert.Equal(Alphabet.ToHashSet(), seen);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_single_substitution_at_every_position_is_caught(string prefix)
    {
        var kind = Kind(prefix);
        var tried = 0;
        foreach (var code in Samples(kind))
            for (var position = 0; position < code.Length; position++)
                foreach (var replacement in Alphabet.Where(c => c != code[position]))
                {
                    var typo = code[..position] + replacement + code[(position + 1)..];
                    var reading = kind.Read(typo).Reading;
                    // After the letter it is a typo; a different letter is no code of this kind. Never valid.
                    Assert.True(position == 0 ? reading == CodeReading.NotACode : reading == CodeReading.Typo, $"{typo} (from {code}) read {reading}");
                    tried++;
                }
        Assert.Equal(203 * (kind.RandomLength + 2) * 31, tried);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_transposition_of_two_different_symbols_adjacent_or_not_is_caught(string prefix)
    {
        var kind = Kind(prefix);
        foreach (var code in Samples(kind))
            for (var i = 0; i < code.Length; i++)
                for (var j = i + 1; j < code.Length; j++)
                {
                    if (code[i] == code[j]) continue;
                    var swapped = code.ToCharArray();
                    (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                    Assert.NotEqual(CodeReading.Valid, kind.Read(new string(swapped)).Reading);
                }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_adjacent_swap_of_every_ordered_pair_at_every_position_is_caught_including_0_and_Z(string prefix)
    {
        // The check is linear: whether a swap is caught depends only on the two symbols and their positions, so every
        // position × every ordered pair of different symbols on one background is a proof for all codes.
        var kind = Kind(prefix);
        var background = Raw(kind.New())[1..^1];
        var tried = 0;
        for (var position = 0; position < kind.RandomLength - 1; position++)
            foreach (var a in Alphabet)
                foreach (var b in Alphabet.Where(b => b != a))
                {
                    var code = Complete(kind, kind.Prefix + background[..position] + a + b + background[(position + 2)..]);
                    var at = position + 1;
                    var swapped = code[..at] + code[at + 1] + code[at] + code[(at + 2)..];
                    Assert.True(kind.Read(swapped).Reading == CodeReading.Typo, $"{swapped} (from {code}) passed the check");
                    tried++;
                }
        // The last random symbol and the check symbol: the first symbol is varied so that the check takes every value.
        foreach (var a in Alphabet)
            foreach (var first in Alphabet)
            {
                var code = Complete(kind, $"{kind.Prefix}{first}{background[1..^1]}{a}");
                if (code[^1] == a) continue;
                var swapped = code[..^2] + code[^1] + code[^2];
                Assert.True(kind.Read(swapped).Reading == CodeReading.Typo, $"{swapped} (from {code}) passed the check");
                tried++;
            }
        Assert.True(tried >= (kind.RandomLength - 1) * 32 * 31 + 31 * 31, $"only {tried} swaps tried");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void What_someone_typed_is_read_forgiving_case_spaces_hyphens_and_look_alike_letters(string prefix)
    {
        var kind = Kind(prefix);
        var code = Complete(kind, kind.Prefix + string.Concat(Enumerable.Repeat("01K", kind.RandomLength))[..kind.RandomLength]);
        var shown = kind.Normalize(code)!;
        Assert.Equal(shown, kind.Normalize(shown.ToLowerInvariant()));
        Assert.Equal(shown, kind.Normalize(" " + shown.Replace("-", " ").Replace('0', 'O').Replace("1", "l") + " "));
        Assert.Equal(shown, kind.Normalize(shown.Replace("-", "").Replace('1', 'I')));
    }

    [Fact]
    public void A_typo_and_something_that_is_no_code_are_refused_differently_naming_the_field()
    {
        var kind = PersonalCode.Appointment;
        var code = Raw(kind.New());
        var typo = code[..^1] + Alphabet[(Alphabet.IndexOf(code[^1]) + 1) % 32];

        var rejection = Assert.Throws<Rejection>(() => kind.Require(typo, "code"));
        Assert.Equal(("code", RejectionKind.Invalid), (rejection.Field, rejection.Kind));
        Assert.Contains("typo", rejection.Message);

        var notACode = Assert.Throws<Rejection>(() => kind.Require("hello", "code"));
        Assert.Equal("This is not an appointment code: it looks like CXXXX-XXXXX (a C, then nine letters and digits).", notACode.Message);
        Assert.Equal("TXXXXX-XXXXX", PersonalCode.Tracking.Shape);
    }

    [Fact]
    public void A_code_of_one_kind_is_no_code_of_another()
    {
        Assert.Equal(CodeReading.NotACode, PersonalCode.Tracking.Read(PersonalCode.Appointment.New()).Reading);
        Assert.Equal(CodeReading.NotACode, PersonalCode.Appointment.Read(PersonalCode.Tracking.New()).Reading);
    }
}
