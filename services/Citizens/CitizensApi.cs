using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.LookingUp;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;

namespace Omnichannel.Citizens;

/// <summary>The citizens' routes; each use case's handler lives in its folder.</summary>
public static class CitizensApi
{
    public static RouteGroupBuilder MapCitizensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/citizens").WithTags("Citizens").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapPost("/", RegisterCitizenEndpoint.Handle).WithName("RegisterCitizen")
            .WithSummary("Registers a citizen with the identities they gave on this channel.").Validate<RegisterCitizenRequest>()
            .Produces<RegisteredCitizen>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{citizenId:guid}", GetCitizenEndpoint.Handle).WithName("GetCitizen").RecordsPersonalDataRead("citizen-profile", sensitive: true).WithSummary("A citizen's profile and linked channels.")
            .Produces<CitizenProfile>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/lookup", FindCitizenByIdentityEndpoint.Handle).WithName("FindCitizenByIdentity")
            .WithSummary("Finds the citizen behind a phone, e-mail, chat id or national id ({kind, value} in the body, never in the URL).")
            .Produces<CitizenFound>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{citizenId:guid}/identities", LinkIdentitiesEndpoint.Handle).WithName("LinkChannelIdentities").TakesIfMatch()
            .WithSummary("Links more channel identities to a citizen.")
            .Produces<LinkedIdentities>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{citizenId:guid}/identities/unlinking", UnlinkIdentityEndpoint.Handle).WithName("UnlinkChannelIdentity").TakesIfMatch()
            .WithSummary("Unlinks one identity, {kind, value} in the body (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{citizenId:guid}/preferences", ChangePreferencesEndpoint.Handle).WithName("ChangeCitizenPreferences").TakesIfMatch()
            .WithSummary("Language, preferred channel and whether the citizen chooses to deal electronically.").Validate<PreferencesRequest>()
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{citizenId:guid}/erasure", Erasing.ErasureEndpoints.Request).WithName("RequestCitizenErasure")
            .WithSummary("Records a citizen's erasure request (GDPR Art. 17): every service masks their personal data and confirms (data-protection staff).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy)
            .Produces<Erasing.ErasureRequestView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{citizenId:guid}/erasure", Erasing.ErasureEndpoints.Get).WithName("GetCitizenErasure")
            .WithSummary("Which services confirmed a citizen's erasure and when, and what is kept by law (data-protection staff).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy)
            .Produces<Erasing.ErasureRequestView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{citizenId:guid}/data-export", Exporting.ExportCitizenDataEndpoint.Handle).WithName("ExportCitizenData").RecordsPersonalDataRead("data-export", sensitive: true)
            .WithSummary("Everything the platform holds about a citizen, across every service: ?format=json (machine-readable) or text (readable, in the citizen's language) (data-protection staff).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy)
            .Produces<Exporting.CitizenDataExport>().Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{citizenId:guid}/consents", Consenting.ConsentEndpoints.List).WithName("GetCitizenConsents").RecordsPersonalDataRead("citizen-consents", sensitive: false)
            .WithSummary("The consents a citizen gave (GDPR art. 7(1)): purpose, version and hash of the text shown, language, channel, device, when; and each withdrawal (data-protection staff).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy)
            .Produces<Consenting.CitizenConsents>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{citizenId:guid}/consents/{consentId:guid}/withdrawal", Consenting.ConsentEndpoints.Withdraw).WithName("WithdrawCitizenConsent")
            .WithSummary("Records that the citizen withdrew a consent, {channel} where they asked (GDPR art. 7(3)); the consent stays on record, marked withdrawn (data-protection staff).")
            .RequireAuthorization(OmnichannelRoles.DataProtectionPolicy).Validate<Consenting.WithdrawConsentRequest>()
            .Produces<Consenting.CitizenConsents>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapAccessLog("/api/citizens");
        return api;
    }
}
