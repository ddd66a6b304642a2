using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Design;

namespace Clearline.Database;

/// <summary>Used by <c>dotnet ef migrations add</c> only; the connection strings are never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClearlineDbContext>
{
    public SqliteClearlineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteClearlineDbContext>().UseSqlite("Data Source=design-time.db").Options, new TenantContext());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClearlineDbContext>
{
    public PostgresClearlineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresClearlineDbContext>().UseNpgsql("Host=design-time").Options, new TenantContext());
}
