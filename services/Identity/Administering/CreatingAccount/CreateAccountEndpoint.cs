using FluentValidation;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering.CreatingAccount;

/// <summary>A new member of staff: the user name they will type, their name, an optional e-mail and their role.</summary>
public sealed record CreateAccountRequest(string? UserName, string? FullName, string? Email, string? Role);

public sealed class CreateAccountRequestValidator : AbstractValidator<CreateAccountRequest>
{
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    public CreateAccountRequestValidator()
    {
        RuleFor(r => r.UserName).NotEmpty().WithMessage("Give the user name the person will sign in with, e.g. \"mataro.jgarcia\".")
            .MaximumLength(64).Must(n => n is null || n.All(UserNameCharacters.Contains))
            .WithMessage("A user name is up to 64 letters, digits or - . _ @ + (no spaces or accents).");
        RuleFor(r => r.FullName).NotEmpty().WithMessage("Give the person's name.").MaximumLength(200);
        RuleFor(r => r.Email).MaximumLength(256).EmailAddress().When(r => !string.IsNullOrEmpty(r.Email))
            .WithMessage("Not an e-mail address.");
        RuleFor(r => r.Role).NotEmpty().Must(r => r is null || StaffRoles.All.Contains(r))
            .WithMessage($"One of: {string.Join(", ", StaffRoles.All)}.");
    }
}

/// <summary><c>POST /api/identity/staff</c>: creates the account in the administrator's council with a temporary
/// password, shown in this answer only.</summary>
public static class CreateAccountEndpoint
{
    public static async Task<IResult> Handle(CreateAccountRequest request, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var by = Administrator.Of(http.User, RequestContext.RequiredTenantId);
        var users = administration.Users;
        if (await users.FindByNameAsync(request.UserName!) is not null)
            throw Rejection.Invalid("userName", "Another account already has this user name: choose another.");
        var account = new StaffAccount
        {
            UserName = request.UserName, FullName = request.FullName!.Trim(), Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            Council = by.Council, StaffRole = request.Role!, LockoutEnabled = true, Version = 1, MustChangePassword = true,
        };
        var password = AdministrationRules.TemporaryPassword();
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded) throw StaffAdministration.Refused(created);
        // The version stays 1: the audit line is the account's first change as seen by administrators.
        account.Version--;
        var view = await administration.SaveAsync(http, account, by.Audit(StaffAuditActions.Created, account, administration.Now, $"role {account.StaffRole}"));
        return TypedResults.Created($"/api/identity/staff/{account.Id}", new TemporaryPasswordView(view, password));
    }
}
