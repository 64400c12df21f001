using Omnichannel.Contracts;
using Omnichannel.Procedures.Catalogue;
using Xunit;

namespace Omnichannel.Procedures.Tests.Catalogue;

public class ProcedureRequestTests
{
    private static readonly ProcedureRequestValidator Validator = new();

    private static ProcedureRequest Valid() => new(
        Code: "census-registration",
        Category: "census",
        Names: new LocalizedText("Alta al Padró", "Alta en el Padrón", "Census registration"),
        Guidance: new LocalizedText("Porta el DNI.", "Trae el DNI.", "Bring your ID card."),
        Channels: ["kiosk", "online"],
        AverageAttentionMinutes: 4,
        AttachmentsRequired: false,
        DocumentsRequired: [new LocalizedText("DNI", "DNI", "ID card")],
        Keywords: ["padro"],
        EOfficeUrl: "https://seu.example.cat/padro");

    private static IReadOnlyList<string> FieldsAtFault(ProcedureRequest request) =>
        Validator.Validate(request).Errors.Select(e => e.PropertyName).Distinct().ToList();

    [Fact]
    public void A_complete_request_is_valid()
    {
        Assert.Empty(FieldsAtFault(Valid()));
    }

    [Theory]
    [InlineData("Census")]
    [InlineData("census_registration")]
    [InlineData("census registration")]
    [InlineData("-census")]
    [InlineData("census-")]
    [InlineData("census--registration")]
    [InlineData("padró")]
    [InlineData("")]
    [InlineData(null)]
    public void A_code_is_lower_case_words_joined_by_single_hyphens(string? code)
    {
        Assert.Equal(["Code"], FieldsAtFault(Valid() with { Code = code }));
    }

    [Theory]
    [InlineData("cases")]
    [InlineData("campaigns")]
    public void Words_naming_other_resources_cannot_be_codes(string code)
    {
        var errors = Validator.Validate(Valid() with { Code = code }).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("Code", error.PropertyName);
        Assert.Contains("reserved", error.ErrorMessage);
    }

    [Fact]
    public void A_code_has_at_most_sixty_characters()
    {
        Assert.Empty(FieldsAtFault(Valid() with { Code = new string('a', 60) }));
        Assert.Equal(["Code"], FieldsAtFault(Valid() with { Code = new string('a', 61) }));
    }

    [Theory]
    [InlineData("", "Alta", "Registration", "Names.Ca")]
    [InlineData("Alta", " ", "Registration", "Names.Es")]
    [InlineData("Alta", "Alta", "", "Names.En")]
    public void Every_name_is_needed_in_Catalan_Spanish_and_English(string ca, string es, string en, string field)
    {
        Assert.Equal([field], FieldsAtFault(Valid() with { Names = new LocalizedText(ca, es, en) }));
    }

    [Fact]
    public void Names_and_guidance_are_required()
    {
        Assert.Equal(["Names", "Guidance"], FieldsAtFault(Valid() with { Names = null, Guidance = null }));
    }

    [Fact]
    public void Guidance_in_one_language_is_not_enough()
    {
        Assert.Equal(["Guidance.Es", "Guidance.En"], FieldsAtFault(Valid() with { Guidance = new LocalizedText("Porta el DNI.", "", "") }));
    }

    [Fact]
    public void A_name_has_at_most_two_hundred_characters()
    {
        Assert.Equal(["Names.En"], FieldsAtFault(Valid() with { Names = new LocalizedText("Alta", "Alta", new string('x', 201)) }));
    }

    [Fact]
    public void At_least_one_channel_is_needed()
    {
        Assert.Equal(["Channels"], FieldsAtFault(Valid() with { Channels = [] }));
        Assert.Equal(["Channels"], FieldsAtFault(Valid() with { Channels = null }));
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("")]
    [InlineData("Kiosk")] // was accepted: channels are now compared exactly, as everywhere
    [InlineData(" online")]
    public void Channels_outside_the_one_list_are_rejected_by_position(string channel)
    {
        Assert.Equal(["Channels[1]"], FieldsAtFault(Valid() with { Channels = ["kiosk", channel] }));
    }

    [Theory]
    [InlineData("email")] // was refused: one channel list, so a procedure may be offered through e-mail or Telegram
    [InlineData("telegram")]
    [InlineData("on-site")]
    public void Any_channel_of_the_one_list_can_offer_a_procedure(string channel)
    {
        Assert.Empty(FieldsAtFault(Valid() with { Channels = ["kiosk", channel] }));
    }

    [Fact]
    public void Keyword_and_document_lists_have_a_length_of_their_own()
    {
        Assert.Empty(FieldsAtFault(Valid() with { Keywords = [.. Enumerable.Range(0, 40).Select(i => $"k{i}")] }));
        Assert.Equal(["Keywords"], FieldsAtFault(Valid() with { Keywords = [.. Enumerable.Range(0, 41).Select(i => $"k{i}")] }));
        Assert.Equal(["Keywords[0]"], FieldsAtFault(Valid() with { Keywords = [new string('k', 41)] }));
        Assert.Equal(["DocumentsRequired"], FieldsAtFault(Valid() with { DocumentsRequired = [.. Enumerable.Repeat(new LocalizedText("DNI", "DNI", "ID"), 31)] }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(481)]
    public void Average_attention_is_between_one_minute_and_eight_hours(int minutes)
    {
        Assert.Equal(["AverageAttentionMinutes"], FieldsAtFault(Valid() with { AverageAttentionMinutes = minutes }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(480)]
    public void Average_attention_bounds_are_inclusive(int minutes)
    {
        Assert.Empty(FieldsAtFault(Valid() with { AverageAttentionMinutes = minutes }));
    }

    [Fact]
    public void Every_required_document_is_described_in_the_three_languages()
    {
        Assert.Equal(["DocumentsRequired[1].En"], FieldsAtFault(Valid() with
        {
            DocumentsRequired = [new LocalizedText("DNI", "DNI", "ID card"), new LocalizedText("Llibre de família", "Libro de familia", "")],
        }));
    }

    [Fact]
    public void A_missing_document_entry_is_rejected_rather_than_breaking_the_conversion()
    {
        // A JSON body "documentsRequired": [null] must be a 400 naming the field; if the validator
        // lets it through, ToDetails() dereferences the null and the request fails with a 500.
        var request = Valid() with { DocumentsRequired = [null!] };

        Assert.NotEmpty(FieldsAtFault(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Blank_keywords_are_rejected(string? keyword)
    {
        Assert.Equal(["Keywords[0]"], FieldsAtFault(Valid() with { Keywords = [keyword!] }));
    }

    [Fact]
    public void A_keyword_has_at_most_forty_characters()
    {
        Assert.Equal(["Keywords[0]"], FieldsAtFault(Valid() with { Keywords = [new string('k', 41)] }));
    }

    [Theory]
    [InlineData("seu.example.cat/padro")]
    [InlineData("/padro")]
    [InlineData("ftp://seu.example.cat/padro")]
    [InlineData("javascript:alert(1)")]
    public void The_eOffice_link_is_an_absolute_http_link(string url)
    {
        Assert.Equal(["EOfficeUrl"], FieldsAtFault(Valid() with { EOfficeUrl = url }));
    }

    [Theory]
    [InlineData("http://seu.example.cat/padro")]
    [InlineData(null)]
    [InlineData("  ")]
    public void The_eOffice_link_may_be_plain_http_or_absent(string? url)
    {
        Assert.Empty(FieldsAtFault(Valid() with { EOfficeUrl = url }));
    }

    [Fact]
    public void Category_is_required_and_short()
    {
        Assert.Equal(["Category"], FieldsAtFault(Valid() with { Category = " " }));
        Assert.Equal(["Category"], FieldsAtFault(Valid() with { Category = new string('c', 41) }));
    }

    [Fact]
    public void Details_are_trimmed()
    {
        var details = (Valid() with
        {
            Category = "  census ",
            Names = new LocalizedText(" Alta al Padró ", "Alta en el Padrón\t", "\nCensus registration"),
            Guidance = new LocalizedText(" a ", " b ", " c "),
            DocumentsRequired = [new LocalizedText(" DNI ", "DNI ", " ID card")],
            EOfficeUrl = "  https://seu.example.cat/padro  ",
        }).ToDetails();

        Assert.Equal("census", details.Category);
        Assert.Equal(new LocalizedText("Alta al Padró", "Alta en el Padrón", "Census registration"), details.Names);
        Assert.Equal(new LocalizedText("a", "b", "c"), details.Guidance);
        Assert.Equal([new LocalizedText("DNI", "DNI", "ID card")], details.DocumentsRequired);
        Assert.Equal("https://seu.example.cat/padro", details.EOfficeUrl);
    }

    [Fact]
    public void Channels_are_deduplicated_and_sorted()
    {
        // Was also lower-casing and trimming: a channel is now spelled exactly or refused by the validator.
        var details = (Valid() with { Channels = ["phone", "online", "kiosk", "phone", "kiosk"] }).ToDetails();

        Assert.Equal(["kiosk", "online", "phone"], details.Channels);
    }

    [Fact]
    public void Keywords_are_lower_cased_deduplicated_and_sorted()
    {
        var details = (Valid() with { Keywords = ["Padro", "empadronament", " padro ", "Alta"] }).ToDetails();

        Assert.Equal(["alta", "empadronament", "padro"], details.Keywords);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_eOffice_link_becomes_no_link(string? url)
    {
        Assert.Null((Valid() with { EOfficeUrl = url }).ToDetails().EOfficeUrl);
    }

    [Fact]
    public void Missing_documents_and_keywords_become_empty_lists()
    {
        var details = (Valid() with { DocumentsRequired = null, Keywords = null }).ToDetails();

        Assert.Empty(details.DocumentsRequired);
        Assert.Empty(details.Keywords);
    }

    [Fact]
    public void The_same_procedure_typed_differently_gives_the_same_details()
    {
        var tidy = Valid().ToDetails();
        var sloppy = (Valid() with
        {
            Category = " census",
            Channels = ["online", "kiosk", "kiosk"], // was ["ONLINE ", "kiosk", "Kiosk"]: channels are spelled exactly now (the validator refuses others)
            Keywords = ["PADRO", "padro"],
            Names = new LocalizedText("Alta al Padró ", " Alta en el Padrón", "Census registration"),
        }).ToDetails();

        Assert.True(tidy.SameAs(sloppy));
    }

    [Fact]
    public void Numbers_and_flags_pass_through_unchanged()
    {
        var details = (Valid() with { AverageAttentionMinutes = 17, AttachmentsRequired = true }).ToDetails();

        Assert.Equal(17, details.AverageAttentionMinutes);
        Assert.True(details.AttachmentsRequired);
    }
}
