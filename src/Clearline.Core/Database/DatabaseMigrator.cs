using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Clearline.Database;

/// <summary>Creates the database if needed and applies every pending migration of the configured provider.</summary>
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

        return pending.Count;
    }
}
