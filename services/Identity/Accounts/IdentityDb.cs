using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Omnichannel.Identity.Accounts;

/// <summary>Staff accounts (ASP.NET Core Identity, without role tables: one staff role per account) and OpenIddict's
/// applications, authorizations, scopes and tokens, in the service's own schema.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityUserContext<StaffAccount>(options)
{
    public const string Schema = "identity";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<StaffAccount>(account =>
        {
            account.Property(a => a.Council).HasMaxLength(64).IsRequired();
            account.Property(a => a.StaffRole).HasMaxLength(32).IsRequired();
            account.HasIndex(a => a.Council);
        });
    }
}
