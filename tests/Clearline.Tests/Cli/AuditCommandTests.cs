using Clearline.Audit;
using Microsoft.Data.Sqlite;

namespace Clearline.Tests.Cli;

/// <summary><c>clearline audit verify</c> as an operator runs it: the head on stdout when intact, the first forged entry when not.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Verify_IntactThenRewrittenWithRehashing_NamesTheFirstForgedEntry()
    {
        foreach (var name in new[] { "Hotline One", "Hotline Two", "Hotline Three" })
        {
            var created = await ClearlineProcess.RunAsync(null, "admin", "create-org", "--data", _data, "--name", name, "--kind", "Hotline", "--country", "NL");
            Assert.True(created.ExitCode == 0, created.ToString());
        }

        var intact = await ClearlineProcess.RunAsync(null, "audit", "verify", "--data", _data);
        await RewriteFromAsync(2);
        var forged = await ClearlineProcess.RunAsync(null, "audit", "verify", "--data", _data);

        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Matches("^3:[0-9a-f]{64}$", Assert.Single(intact.OutputLines));
        Assert.NotEqual(0, forged.ExitCode);
        Assert.Contains("audit trail broken at entry 2 (Forged)", forged.StandardError, StringComparison.Ordinal);
    }

    /// <summary>An attacker with the database file: changes entry <paramref name="from"/> and re-hashes the rest of the chain.</summary>
    private async Task RewriteFromAsync(long from)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "clearline.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var entries = new List<AuditEntry>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT \"Sequence\", \"Timestamp\", \"ActorKind\", \"ActorId\", \"OrganisationId\", \"Action\", \"Target\", \"ClientIp\", \"Detail\", \"PreviousHash\", \"Hash\" FROM \"AuditEntries\" ORDER BY \"Sequence\"";
            await using var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                entries.Add(new AuditEntry
                {
                    Sequence = reader.GetInt64(0),
                    Timestamp = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                    ActorKind = Enum.Parse<AuditActorKind>(reader.GetString(2)),
                    ActorId = reader.IsDBNull(3) ? null : reader.GetString(3),
                    OrganisationId = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    Action = (AuditAction)reader.GetInt32(5),
                    Target = reader.IsDBNull(6) ? null : reader.GetString(6),
                    ClientIp = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Detail = reader.IsDBNull(8) ? null : reader.GetString(8),
                    PreviousHash = reader.GetString(9),
                    Hash = reader.GetString(10),
                });
            }
        }

        var previous = entries.Single(e => e.Sequence == from - 1).Hash;
        foreach (var e in entries.Where(e => e.Sequence >= from))
        {
            var rewritten = new AuditEntry
            {
                Sequence = e.Sequence, Timestamp = e.Timestamp, ActorKind = e.ActorKind, ActorId = e.ActorId, OrganisationId = e.OrganisationId,
                Action = e.Action, Target = e.Target, ClientIp = e.ClientIp, Detail = e.Sequence == from ? "forged" : e.Detail,
                PreviousHash = previous, Hash = string.Empty,
            };
            var hash = AuditHash.Compute(rewritten);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE \"AuditEntries\" SET \"Detail\" = $detail, \"PreviousHash\" = $previous, \"Hash\" = $hash WHERE \"Sequence\" = $sequence";
            update.Parameters.AddWithValue("$detail", (object?)rewritten.Detail ?? DBNull.Value);
            update.Parameters.AddWithValue("$previous", previous);
            update.Parameters.AddWithValue("$hash", hash);
            update.Parameters.AddWithValue("$sequence", e.Sequence);
            await update.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            previous = hash;
        }
    }
}
