using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Omnichannel.Identity.Accounts;

/// <summary>Identity's sign-in, with one more refusal: a disabled account (<see cref="StaffAccount.Disabled"/>) is not
/// allowed to sign in by password, authenticator code or a council provider — every path asks CanSignInAsync first.</summary>
public sealed class StaffSignInManager(
    UserManager<StaffAccount> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<StaffAccount> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<StaffAccount>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffAccount> confirmation)
    : SignInManager<StaffAccount>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffAccount user) => !user.Disabled && await base.CanSignInAsync(user);
}
