using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Users.Models;

/// <summary>ASP.NET Core Identity's tables in the current tenant's database.</summary>
public sealed class UsersDbContext(DbContextOptions<UsersDbContext> options)
    : IdentityDbContext<SchoolUser, SchoolRole, string>(options)
{
    public DbSet<PersonalToken> PersonalTokens => Set<PersonalToken>();

    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddAuditOutbox();
        builder.Entity<PersonalToken>(token =>
        {
            token.ToTable("personal_tokens");
            token.Property(t => t.CreatedUtc).HasConversion(UtcTicks.Converter);
            token.Property(t => t.ExpiresUtc).HasConversion(UtcTicks.Converter);
            token.Property(t => t.LastUsedUtc).HasConversion(UtcTicks.Converter);
        });
        builder.Entity<AccountLink>(link =>
        {
            link.ToTable("account_links");
            link.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
            link.Property(l => l.CreatedUtc).HasConversion(UtcTicks.Converter);
            link.Property(l => l.ExpiresUtc).HasConversion(UtcTicks.Converter);
        });
        // Plain lower-case table names, the same on SQLite and PostgreSQL.
        builder.Entity<SchoolRole>().ToTable("roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<SchoolUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.LockoutEnd).HasConversion(UtcTicks.OffsetConverter);
            user.Property(u => u.CreatedUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
