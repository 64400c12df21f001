using Omnichannel.Cli.Analysts;

namespace Omnichannel.Analysts.Tests;

public sealed class PseudonymiserTests
{
    [Theory]
    [InlineData("anna.puig@example.cat")]
    [InlineData("write to anna.puig@example.cat please")]
    [InlineData("+34 600 123 456")]
    [InlineData("call me on 600 12 34 56 after five")]
    [InlineData("(93) 741 26 00")]
    [InlineData("12345678Z")]
    [InlineData("DNI 12345678-Z")]
    [InlineData("X1234567L")]
    public void Identity_looking_values_are_recognised_wherever_they_are(string value) =>
        Assert.True(Pseudonymiser.LooksLikeIdentity(value), value);

    [Fact]
    public void A_masked_personal_field_never_reaches_an_export()
    {
        Assert.True(Pseudonymiser.MustDropValue("channel", Pseudonymiser.MaskedValue));
        Assert.True(Pseudonymiser.MustDropValue("reason", Pseudonymiser.MaskedValue));
        Assert.False(Pseudonymiser.MustDropValue("channel", "phone"));
    }

    [Theory]
    [InlineData("2026-11-10T09:05:00.1234567+00:00")]
    [InlineData("00:12:34.5678901")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-030512345678")]
    [InlineData("office-day:connecta-space:2026-11-10")]
    [InlineData("padro-alta")]
    [InlineData("T0000123456")]
    public void Dates_ids_and_codes_are_not_taken_for_identities(string value) =>
        Assert.False(Pseudonymiser.LooksLikeIdentity(value), value);

    [Theory]
    [InlineData("CitizenId", FieldTreatment.Hash)]
    [InlineData("followerCitizenId", FieldTreatment.Hash)]
    [InlineData("Phone", FieldTreatment.Drop)]
    [InlineData("ChatId", FieldTreatment.Drop)]
    [InlineData("national_id", FieldTreatment.Drop)]
    [InlineData("Description", FieldTreatment.Drop)]
    [InlineData("TrackingCode", FieldTreatment.Drop)]
    [InlineData("ProcedureCode", FieldTreatment.Keep)]
    [InlineData("Channel", FieldTreatment.Keep)]
    [InlineData("WaitMinutes", FieldTreatment.Keep)]
    [InlineData("Denied", FieldTreatment.Keep)]
    public void Fields_are_judged_by_their_name(string field, FieldTreatment expected) =>
        Assert.Equal(expected, Pseudonymiser.TreatmentOf(field));

    [Fact]
    public void A_pseudonym_is_stable_within_one_export_and_differs_across_exports()
    {
        var one = Pseudonymiser.ForOneExport();
        var other = Pseudonymiser.ForOneExport();
        Assert.Equal(one.Hash("cit-1"), one.Hash("cit-1"));
        Assert.NotEqual(one.Hash("cit-1"), one.Hash("cit-2"));
        Assert.NotEqual(one.Hash("cit-1"), other.Hash("cit-1"));
    }
}
