using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Omnichannel.Identity.Accounts;

/// <summary>Staff accounts (ASP.NET Core Identity, without role tables: one staff role per account) and OpenIddict's
/// applications, authorizations, scopes and tokens, in the service's own schema.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityUserContext<StaffAccount>(options)
{
    /// <summary>What administrators changed on staff accounts (Administering/StaffAudit.cs).</summary>
    public DbSet<Administering.StaffAuditEntry> StaffAudit => Set<Administering.StaffAuditEntry>();

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
            account.Property(a => a.FullName).HasMaxLength(200);
        });
        builder.Entity<Administering.StaffAuditEntry>(entry =>
        {
            entry.ToTable(Administering.StaffAuditEntry.Table);
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).UseIdentityByDefaultColumn();
            entry.Property(e => e.Council).HasMaxLength(64).IsRequired();
            entry.Property(e => e.Action).HasMaxLength(40).IsRequired();
            entry.Property(e => e.ByAccountId).HasMaxLength(64).IsRequired();
            entry.Property(e => e.ByUserName).HasMaxLength(256).IsRequired();
            entry.Property(e => e.AccountId).HasMaxLength(64).IsRequired();
            entry.Property(e => e.AccountUserName).HasMaxLength(256).IsRequired();
            entry.Property(e => e.Detail).HasMaxLength(400);
            entry.HasIndex(e => new { e.Council, e.At });
        });
    }
}
