using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.OpenApi;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.Administering.ChangingRole;
using Omnichannel.Identity.Administering.CreatingAccount;
using Omnichannel.Identity.Administering.DisablingAccount;
using Omnichannel.Identity.Administering.ListingStaff;
using Omnichannel.Identity.Administering.ReadingAudit;
using Omnichannel.Identity.Administering.ResettingAuthenticator;
using Omnichannel.Identity.Administering.ResettingPassword;
using Omnichannel.Identity.Administering.UnlockingAccount;

namespace Omnichannel.Identity.Administering;

/// <summary>
/// <c>/api/identity/staff</c>: a council's administrators manage its staff accounts, through the gateway like any API.
/// Only a member of staff whose token carries the administrator role; the council is the token's (verified) tenant,
/// so an administrator never sees or changes another council's staff (another council's account is a 404).
/// Each account's version is its ETag: a change honours If-Match (412 when stale).
/// </summary>
public static class AdministrationApi
{
    public const string Policy = "staff-administration";

    public static IServiceCollection AddStaffAdministration(this IServiceCollection services)
    {
        services.AddScoped<StaffAdministration>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser()
            .RequireRole(OmnichannelRoles.Staff).RequireRole(StaffRoles.Administrator));
        services.AddAuthorizationBuilder().AddPolicy(TellingStaffAccess.StaffAccessEndpoint.Policy, p => p.RequireAuthenticatedUser()
            .RequireRole(OmnichannelRoles.Service));
        return services;
    }

    public static IEndpointRouteBuilder MapStaffAdministration(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/identity/staff").RequireAuthorization(Policy).WithTags("Staff administration");
        staff.MapGet("/", ListStaffEndpoint.List).WithName("ListStaffAccounts")
            .WithSummary("The council's staff accounts: name, user name, e-mail, role, disabled, locked out, authenticator on, last sign-in (administrator).")
            .Produces<List<StaffAccountView>>();
        staff.MapPost("/", CreateAccountEndpoint.Handle).WithName("CreateStaffAccount")
            .WithSummary("Creates a staff account in the council with a temporary password, shown in this answer only (administrator).")
            .Validate<CreateAccountRequest>().Produces<TemporaryPasswordView>(StatusCodes.Status201Created);
        staff.MapGet("/{accountId:guid}", ListStaffEndpoint.Get).WithName("GetStaffAccount")
            .WithSummary("One staff account of the council, with its version as ETag (administrator).")
            .Produces<StaffAccountView>().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPut("/{accountId:guid}/role", ChangeRoleEndpoint.Handle).WithName("ChangeStaffRole").TakesIfMatch()
            .WithSummary("Changes the account's role; an administrator cannot take the role away from themselves (409) (administrator; If-Match: the account's version).")
            .Validate<ChangeRoleRequest>().Produces<StaffAccountView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{accountId:guid}/disable", DisableAccountEndpoint.Disable).WithName("DisableStaffAccount").TakesIfMatch()
            .WithSummary("Disables the account: no sign-in, its refresh tokens revoked; not one's own (409) (administrator; If-Match: the account's version).")
            .Produces<StaffAccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{accountId:guid}/enable", DisableAccountEndpoint.Enable).WithName("EnableStaffAccount").TakesIfMatch()
            .WithSummary("Lets a disabled account sign in again (administrator; If-Match: the account's version).")
            .Produces<StaffAccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{accountId:guid}/unlock", UnlockAccountEndpoint.Handle).WithName("UnlockStaffAccount").TakesIfMatch()
            .WithSummary("Ends a lock-out after too many wrong passwords now (administrator; If-Match: the account's version).")
            .Produces<StaffAccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{accountId:guid}/password-reset", ResetPasswordEndpoint.Handle).WithName("ResetStaffPassword").TakesIfMatch()
            .WithSummary("Gives the account a new temporary password, shown in this answer only, and revokes its refresh tokens (administrator; If-Match: the account's version).")
            .Produces<TemporaryPasswordView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{accountId:guid}/authenticator-reset", ResetAuthenticatorEndpoint.Handle).WithName("ResetStaffAuthenticator").TakesIfMatch()
            .WithSummary("Switches the account's authenticator (TOTP) off and replaces its key, for a lost phone (administrator; If-Match: the account's version).")
            .Produces<StaffAccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/identity/staff-audit", ReadAuditEndpoint.Handle).WithName("ListStaffAudit").WithTags("Staff administration")
            .RequireAuthorization(Policy)
            .WithSummary("Who changed which staff account of the council, when and how, newest first; optionally one account's (administrator).")
            .Produces<List<StaffAuditView>>();

        app.MapGet("/api/identity/staff-access", TellingStaffAccess.StaffAccessEndpoint.Handle).WithName("ListStaffAccessWithdrawals")
            .WithTags("Staff administration").RequireAuthorization(TellingStaffAccess.StaffAccessEndpoint.Policy)
            .WithSummary("Staff accounts disabled now, and those enabled again lately, with when: what each service reads at start to refuse their older tokens (a service's token).")
            .Produces<List<StaffAccessEntry>>();
        return app;
    }
}
