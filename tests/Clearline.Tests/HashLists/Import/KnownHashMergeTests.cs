using Clearline.Database;
using Clearline.HashLists;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Import;

/// <summary>
/// The SQLite plan of the import's merge: each arm must search the list's entries by its own hash's index. SQLite
/// treats <c>IS NOT DISTINCT FROM</c> as an indexable equality, and searching the SHA-256 index for the entries that
/// have none (every entry of a VICS list) made a 200,000-entry import take over ten minutes.
/// </summary>
public sealed class KnownHashMergeTests
{
    [Fact]
    public async Task FindMatches_OnSqlite_SearchesEachLookupByItsOwnIndex()
    {
        await using var bed = await ImportTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var plan = await bed.Database.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ClearlineDbContext>();
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = KnownHashMerge.CreateTables(postgres: false);
                await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + KnownHashMerge.FindMatches(postgres: false, Enum.GetValues<LookupColumn>());
            explain.Parameters.AddWithValue("@list", bed.ListId.ToString().ToUpperInvariant());
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                lines.Add(reader.GetString(3));
            }

            return lines;
        });

        var searches = plan.Where(line => line.StartsWith("SEARCH k", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "SEARCH k USING INDEX IX_KnownHashes_Sha256 (Sha256=?)",
                "SEARCH k USING INDEX IX_KnownHashes_Md5 (Md5=?)",
                "SEARCH k USING INDEX IX_KnownHashes_Sha1 (Sha1=?)",
                "SEARCH k USING INDEX IX_KnownHashes_PhotoDna (PhotoDna=?)",
                "SEARCH k USING INDEX IX_KnownHashes_Pdq (Pdq=?)",
            ],
            searches.Take(5));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN k", StringComparison.Ordinal));
    }
}
