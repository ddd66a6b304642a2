using Clearline.Identity;
using Clearline.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Clearline.Database;

/// <summary>
/// The one model for every feature. Features contribute entities through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in their own folder; this class applies them all
/// and adds the tenant query filter to every <see cref="ITenantOwned"/> entity.
/// </summary>
/// <remarks>
/// Each provider has its own subclass and its own migration set, because migrations are provider-specific.
/// </remarks>
public abstract class ClearlineDbContext(DbContextOptions options, TenantContext tenant)
    : IdentityDbContext<ClearlineUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core data-protection keys (cookies, antiforgery, Identity tokens), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    // Read by the tenant query filter at every query (EF parameterises context members).
    internal Guid TenantOrganisationId => tenant.OrganisationId;

    internal bool TenantIsSystem => tenant.IsSystem;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClearlineDbContext).Assembly);
        TenantQueryFilter.Apply(builder, this);
    }
}

public sealed class SqliteClearlineDbContext(DbContextOptions<SqliteClearlineDbContext> options, TenantContext tenant)
    : ClearlineDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class PostgresClearlineDbContext(DbContextOptions<PostgresClearlineDbContext> options, TenantContext tenant)
    : ClearlineDbContext(options, tenant);
