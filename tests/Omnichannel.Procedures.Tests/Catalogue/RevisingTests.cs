using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Revising;
using Xunit;
using static Omnichannel.Procedures.Tests.Examples;

namespace Omnichannel.Procedures.Tests.Catalogue;

public class RevisingTests
{
    private static ReviseProcedure Revise(ProcedureDetails details) => new(CensusCode, details, Tuesday, Clerk);

    [Fact]
    public void Revising_a_published_procedure_records_the_new_details()
    {
        var revised = Details(minutes: 3, keywords: ["padro", "alta"]);

        Given.Procedure(Published())
            .When(state => ReviseProcedureDecision.Decide(Revise(revised), state))
            .Then(new ProcedureRevised(CensusCode, revised, Tuesday, Clerk));
    }

    [Fact]
    public void Revising_an_unknown_procedure_is_not_found()
    {
        Given.Procedure()
            .When(state => ReviseProcedureDecision.Decide(Revise(Details()), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Revising_a_withdrawn_procedure_is_a_conflict()
    {
        Given.Procedure(Published(), new ProcedureWithdrawn(CensusCode, "Obsolete", Monday, Clerk))
            .When(state => ReviseProcedureDecision.Decide(Revise(Details(minutes: 3)), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Sending_the_same_details_again_records_nothing_even_as_new_list_instances()
    {
        // Built afresh: equal content, but none of the lists is the same object as in the published event.
        Given.Procedure(Published(Details()))
            .When(state => ReviseProcedureDecision.Decide(Revise(Details()), state))
            .ThenNothingHappens();
    }

    [Fact]
    public void Sending_back_the_details_of_the_last_revision_records_nothing()
    {
        Given.Procedure(Published(), new ProcedureRevised(CensusCode, Details(minutes: 2), Monday, Clerk))
            .When(state => ReviseProcedureDecision.Decide(Revise(Details(minutes: 2)), state))
            .ThenNothingHappens();
    }

    [Fact]
    public void Sending_the_originally_published_details_after_a_revision_is_a_change()
    {
        var original = Details();

        Given.Procedure(Published(original), new ProcedureRevised(CensusCode, Details(minutes: 2), Monday, Clerk))
            .When(state => ReviseProcedureDecision.Decide(Revise(original), state))
            .Then(new ProcedureRevised(CensusCode, original, Tuesday, Clerk));
    }

    [Theory]
    [InlineData("category")]
    [InlineData("names")]
    [InlineData("guidance")]
    [InlineData("channels")]
    [InlineData("minutes")]
    [InlineData("attachments")]
    [InlineData("documents")]
    [InlineData("document order")]
    [InlineData("keywords")]
    [InlineData("url")]
    public void A_change_to_any_single_field_is_recorded(string field)
    {
        var changed = field switch
        {
            "category" => Details(category: "tax"),
            "names" => Details(names: CensusNames with { En = "Census registration" }),
            "guidance" => Details(guidance: new LocalizedText("Porta el DNI original.", "Trae el DNI.", "Bring your ID card.")),
            "channels" => Details(channels: [Channels.Kiosk, Channels.Online]),
            "minutes" => Details(minutes: 5),
            "attachments" => Details(attachmentsRequired: true),
            "documents" => Details(documents: [new LocalizedText("Passaport", "Pasaporte", "Passport")]),
            "document order" => Details(documents: [new LocalizedText("B", "B", "B"), new LocalizedText("A", "A", "A")]),
            "keywords" => Details(keywords: ["empadronament"]),
            "url" => Details(eOfficeUrl: "https://seu.example.cat/padro"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var before = field == "document order"
            ? Details(documents: [new LocalizedText("A", "A", "A"), new LocalizedText("B", "B", "B")])
            : Details();

        Given.Procedure(Published(before))
            .When(state => ReviseProcedureDecision.Decide(Revise(changed), state))
            .Then(new ProcedureRevised(CensusCode, changed, Tuesday, Clerk));
    }

    [Fact]
    public void A_revision_cannot_put_a_long_procedure_at_Point0()
    {
        Given.Procedure(Published(Details(channels: [Channels.Point0], minutes: 5)))
            .When(state => ReviseProcedureDecision.Decide(Revise(Details(channels: [Channels.Point0], minutes: 6)), state))
            .ThenInvalid("channels");
    }

    [Fact]
    public void A_revision_cannot_drop_the_eOffice_link_of_an_online_procedure()
    {
        Given.Procedure(Published())
            .When(state => ReviseProcedureDecision.Decide(Revise(Details(channels: [Channels.Online], eOfficeUrl: null)), state))
            .ThenInvalid("eOfficeUrl");
    }
}
