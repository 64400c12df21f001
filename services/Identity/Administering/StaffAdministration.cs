using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OpenIddict.Abstractions;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering;

/// <summary>
/// What every administrator's change shares: the account is found in the administrator's own council only (another
/// council's is a 404, as if it did not exist), If-Match is checked against its version, and the change, the raised
/// version and its audit line are saved together (one SaveChanges, one transaction).
/// </summary>
public sealed class StaffAdministration(
    UserManager<StaffAccount> users, IdentityDb db, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, TimeProvider clock,
    Marten.IDocumentStore store)
{
    public UserManager<StaffAccount> Users => users;
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<StaffAccount> FindAsync(Guid accountId, string council, CancellationToken ct)
    {
        var id = accountId.ToString();
        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && account.Council == council
            ? account
            : throw Rejection.NotFound("There is no staff account with this id in your council.");
    }

    /// <summary>The start of every change to an account: who changes it (from the verified token), the account in their
    /// council, and If-Match checked.</summary>
    public async Task<(Administrator By, StaffAccount Account)> ChangingAsync(Guid accountId, HttpContext http, CancellationToken ct)
    {
        var by = Administrator.Of(http.User, Omnichannel.BuildingBlocks.Context.RequestContext.RequiredTenantId);
        var account = await FindAsync(accountId, by.Council, ct);
        CheckVersion(http.Request, account);
        return (by, account);
    }

    /// <summary>A stale If-Match is a 412 before anything changes.</summary>
    public static void CheckVersion(HttpRequest request, StaffAccount account)
    {
        if (Versioning.ExpectedVersion(request) is { } expected && expected != account.Version)
            throw new PreconditionFailed(expected, account.Version);
    }

    /// <summary>Saves the changed account with its next version and the audit line; the reply carries the new ETag.
    /// <paramref name="told"/>, an event for the other services, is stored in the same transaction (the event store is
    /// the outbox: it leaves when, and only when, the change is saved).</summary>
    public async Task<StaffAccountView> SaveAsync(HttpContext http, StaffAccount account, StaffAuditEntry audit, object? told = null)
    {
        account.Version++;
        db.StaffAudit.Add(audit);
        await using var transaction = told is null ? null : await db.Database.BeginTransactionAsync(http.RequestAborted);
        var saved = await users.UpdateAsync(account); // saves the context: the audit line with the account
        if (!saved.Succeeded)
        {
            if (saved.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
                throw Rejection.Conflict("Someone else changed this account at the same time. Reload and try again.");
            throw Refused(saved);
        }
        if (transaction is not null)
        {
            var options = Marten.Services.SessionOptions.ForTransaction((NpgsqlTransaction)transaction.GetDbTransaction());
            options.TenantId = account.Council;
            await using (var session = store.LightweightSession(options))
            {
                session.Events.Append($"staff-account-{account.Id}", told!);
                await session.SaveChangesAsync(http.RequestAborted);
            }
            await transaction.CommitAsync(http.RequestAborted);
        }
        http.Response.Headers.ETag = Versioning.ETag(account.Version);
        return StaffAccountView.Of(account, Now);
    }

    /// <summary>Every refresh token and authorization the account holds stops working now (its access tokens are refused
    /// by every service once the account's disabling reaches it: services/BuildingBlocks/Auth/StaffAccessWithdrawals.cs).</summary>
    public async Task RevokeTokensAsync(StaffAccount account, CancellationToken ct)
    {
        await tokens.RevokeBySubjectAsync(account.Id, ct);
        await authorizations.RevokeBySubjectAsync(account.Id, ct);
    }

    /// <summary>ASP.NET Core Identity's refusals, as a 400 naming the field at fault.</summary>
    public static Rejection Refused(IdentityResult result)
    {
        var error = result.Errors.First();
        var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
            : error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName"
            : error.Code.Contains("Email", StringComparison.Ordinal) ? "email" : "request";
        return Rejection.Invalid(field, error.Description);
    }
}
