using Omnichannel.Contracts;
using Omnichannel.Procedures.Campaigns;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Catalogue;

namespace Omnichannel.Procedures.Tests;

internal static class Given
{
    public static Scenario<Procedure> Procedure(params object[] events) =>
        Scenario<Procedure>.Given(Omnichannel.Procedures.Catalogue.Procedure.Initial, Omnichannel.Procedures.Catalogue.Procedure.Evolve, events);

    public static Scenario<Campaign> Campaign(params object[] events) =>
        Scenario<Campaign>.Given(Omnichannel.Procedures.Campaigns.Campaign.Initial, Omnichannel.Procedures.Campaigns.Campaign.Evolve, events);

    public static Scenario<Case> Case(params object[] events) =>
        Scenario<Case>.Given(Omnichannel.Procedures.Cases.Case.Initial, Omnichannel.Procedures.Cases.Case.Evolve, events);
}

internal static class Examples
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset Tuesday = Monday.AddDays(1);
    public static readonly DateTimeOffset Wednesday = Monday.AddDays(2);
    public const string Clerk = "clerk-42";
    public const string CensusCode = "census-registration";
    public const string CensusUrl = "https://seu.example.cat/census-registration";

    public static readonly LocalizedText CensusNames = new("Alta al Padró municipal", "Alta en el Padrón municipal", "Registration in the municipal census");

    /// <summary>A coherent procedure's details; every argument overrides one field.</summary>
    public static ProcedureDetails Details(
        string category = "census",
        LocalizedText? names = null,
        LocalizedText? guidance = null,
        string[]? channels = null,
        int minutes = 4,
        bool attachmentsRequired = false,
        LocalizedText[]? documents = null,
        string[]? keywords = null,
        string? eOfficeUrl = CensusUrl) => new(
        category,
        names ?? CensusNames,
        guidance ?? new LocalizedText("Porta el DNI.", "Trae el DNI.", "Bring your ID card."),
        channels ?? [Channels.Kiosk, Channels.Online, Channels.Point0],
        minutes,
        attachmentsRequired,
        documents ?? [new LocalizedText("DNI o NIE", "DNI o NIE", "ID card or NIE")],
        keywords ?? ["empadronament", "padro"],
        eOfficeUrl);

    public static ProcedurePublished Published(ProcedureDetails? details = null, string code = CensusCode) =>
        new(code, details ?? Details(), Monday, Clerk);
}
