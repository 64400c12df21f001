using FluentValidation;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering.ChangingRole;

public sealed record ChangeRoleRequest(string? Role);

public sealed class ChangeRoleRequestValidator : AbstractValidator<ChangeRoleRequest>
{
    public ChangeRoleRequestValidator() =>
        RuleFor(r => r.Role).NotEmpty().Must(r => r is null || StaffRoles.All.Contains(r))
            .WithMessage($"One of: {string.Join(", ", StaffRoles.All)}.");
}

/// <summary><c>PUT /api/identity/staff/{accountId}/role</c>: the new role counts from the account's next token
/// (a refresh reads the account again), within Identity:AccessTokenMinutes.</summary>
public static class ChangeRoleEndpoint
{
    public static async Task<IResult> Handle(Guid accountId, ChangeRoleRequest request, StaffAdministration administration, HttpContext http, CancellationToken ct)
    {
        var (by, account) = await administration.ChangingAsync(accountId, http, ct);
        AdministrationRules.MayChangeRole(by, account, request.Role!);
        var before = account.StaffRole;
        account.StaffRole = request.Role!;
        return TypedResults.Ok(await administration.SaveAsync(http, account,
            by.Audit(StaffAuditActions.RoleChanged, account, administration.Now, $"{before} → {account.StaffRole}")));
    }
}
