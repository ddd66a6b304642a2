using Microsoft.Extensions.Logging;

namespace Clearline.Database;

/// <summary>
/// Creates the database if needed and applies every pending migration of the configured provider. An embedded
/// SQLite database is switched to write-ahead logging: the web's reads no longer wait for a worker's writes, and
/// a commit appends to one log instead of creating and deleting a journal file.
/// </summary>
public sealed class DatabaseMigrator(ClearlineDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migrations", pending.Count);
            await db.Database.MigrateAsync(ct);
        }

        if (db is SqliteClearlineDbContext)
        {
            // Persistent in the database file; every connection, in every process, uses it from now on.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        return pending.Count;
    }
}
