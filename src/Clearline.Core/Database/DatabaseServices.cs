using Clearline.Configuration;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Database;

public static class DatabaseServices
{
    /// <summary>
    /// Registers the provider-specific context and exposes it as <see cref="ClearlineDbContext"/>, so features
    /// never know which database they run on.
    /// </summary>
    public static IServiceCollection AddClearlineDatabase(this IServiceCollection services)
    {
        services.AddSectionOptions<DatabaseOptions>();
        services.AddDbContext<SqliteClearlineDbContext>((sp, o) => o
            .UseSqlite(SqliteConnectionString(sp))
            // SQLite cannot add a foreign key to a table, so EF rebuilds it with foreign keys off, outside the
            // migration's transaction. That is the documented way, not a fault: say so at Information level.
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))));
        services.AddDbContext<PostgresClearlineDbContext>((sp, o) =>
            o.UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped<ClearlineDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteClearlineDbContext>(),
                DatabaseProvider.Postgres => sp.GetRequiredService<PostgresClearlineDbContext>(),
                _ => throw new InvalidOperationException("Unknown database provider."),
            });
        services.AddScoped<UnitOfWork>();
        return services;
    }

    private static string SqliteConnectionString(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var data = sp.GetRequiredService<DataDirectory>();
        return $"Data Source={data.Combine("clearline.db")};Foreign Keys=True;Pooling=True";
    }
}
