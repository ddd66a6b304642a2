using System.Data.Common;
using System.Globalization;
using Clearline.HashLists.Formats;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Clearline.HashLists;

/// <summary>
/// Merges a batch of entries into a list in the database, set-based: the batch goes into a temporary staging table
/// (PostgreSQL: binary <c>COPY</c>; SQLite: one prepared insert), one statement finds the list's live entries with
/// the same hashes, and one <c>INSERT … SELECT</c> adds what is new. Runs in the caller's transaction.
/// </summary>
/// <remarks>
/// A staged entry is found by its first hash of SHA-256, MD5, SHA-1, PhotoDNA, PDQ, vPDQ (<see cref="LookupColumn"/>),
/// so each lookup goes through that column's index (vPDQ has none: video-only entries are rare), and then compared on
/// all six. On SQLite every other condition on the list's entries is written with a unary <c>+</c>: SQLite treats
/// <c>IS NOT DISTINCT FROM</c> as an indexable equality, and would otherwise search the SHA-256 index for the entries
/// without a SHA-256 (all of a VICS list's), or walk the list's own index: either made an import quadratic.
/// </remarks>
internal static class KnownHashMerge
{
    private const string Staging = "\"ImportStaging\"";
    private const string Matches = "\"ImportMatches\"";

    private static readonly string[] LookupColumns = ["Sha256", "Md5", "Sha1", "PhotoDna", "Pdq", "Vpdq"];

    private static readonly string[] StagingParameters =
        ["$line", "$lookup", "$md5", "$sha1", "$sha256", "$pdq", "$pdqQuality", "$vpdq", "$photoDna", "$category", "$sourceId"];


    /// <summary>Merges <paramref name="entries"/> (distinct by their hashes) into the list; what it added, left and replaces.</summary>
    public static async Task<KnownHashMergeResult> MergeAsync(
        ClearlineDbContext db, Guid listId, Guid? importId, IReadOnlyList<HashListEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return new KnownHashMergeResult(0, 0, []);
        }

        var postgres = db is PostgresClearlineDbContext;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await ExecuteAsync(connection, transaction, CreateTables(postgres), ct);
        if (postgres)
        {
            await CopyAsync((NpgsqlConnection)connection, entries, ct);
            await ExecuteAsync(connection, transaction, $"ANALYZE {Staging}", ct);
        }
        else
        {
            Insert((SqliteConnection)connection, (SqliteTransaction)transaction, entries);
        }

        var list = Parameter(db, nameof(KnownHash.HashListId), listId);
        var lookups = entries.Select(LookupOf).Distinct();
        await ExecuteAsync(connection, transaction, FindMatches(postgres, lookups), ct, list);
        var replaced = new List<long>();
        await using (var read = Command(connection, transaction,
            $"SELECT m.\"Id\" FROM {Matches} m WHERE NOT EXISTS (SELECT 1 FROM {Matches} u WHERE u.\"Line\" = m.\"Line\" AND u.\"Same\") ORDER BY m.\"Id\""))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                replaced.Add(reader.GetInt64(0));
            }
        }

        await using var count = Command(connection, transaction, $"SELECT COUNT(DISTINCT \"Line\") FROM {Matches} WHERE \"Same\"");
        var unchanged = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var added = await ExecuteAsync(connection, transaction, AddNew, ct,
            Parameter(db, nameof(KnownHash.HashListId), listId),
            Parameter(db, nameof(KnownHash.ImportId), importId, "import"),
            Parameter(db, nameof(KnownHash.AddedAt), now, "now"));
        await ExecuteAsync(connection, transaction, $"DROP TABLE {Matches}; DROP TABLE {Staging}", ct);
        return new KnownHashMergeResult(added, unchanged, replaced);
    }

    /// <summary>The one hash an entry is looked up by, in order of preference (the indexed, collision-free ones first).</summary>
    public static LookupColumn LookupOf(HashListEntry entry) => entry switch
    {
        { Sha256: not null } => LookupColumn.Sha256,
        { Md5: not null } => LookupColumn.Md5,
        { Sha1: not null } => LookupColumn.Sha1,
        { PhotoDna: not null } => LookupColumn.PhotoDna,
        { Pdq: not null } => LookupColumn.Pdq,
        { Vpdq: not null } => LookupColumn.Vpdq,
        _ => throw new InvalidOperationException("An entry without a hash reached the merge; the importer turns those into line errors."),
    };

    /// <summary>
    /// Drops what a failed batch on this connection may have left (SQLite keeps temporary tables on the pooled
    /// connection; PostgreSQL drops them with the rolled-back transaction) and creates the two tables.
    /// </summary>
    internal static string CreateTables(bool postgres)
    {
        var temporary = postgres ? "TEMPORARY" : "TEMP";
        var text = postgres ? "text" : "TEXT";
        return $"""
            DROP TABLE IF EXISTS {Matches};
            DROP TABLE IF EXISTS {Staging};
            CREATE {temporary} TABLE {Staging} ("Line" bigint PRIMARY KEY, "Lookup" integer NOT NULL,
              "Md5" {text}, "Sha1" {text}, "Sha256" {text}, "Pdq" {text}, "PdqQuality" integer, "Vpdq" {text}, "PhotoDna" {text},
              "Category" {text}, "SourceId" {text});
            CREATE {temporary} TABLE {Matches} ("Line" bigint NOT NULL, "Id" bigint NOT NULL, "Same" boolean NOT NULL, PRIMARY KEY ("Line", "Id"));
            """;
    }

    /// <summary>The list's live entries with a staged entry's hashes, one <c>UNION ALL</c> arm per lookup column in the batch.</summary>
    internal static string FindMatches(bool postgres, IEnumerable<LookupColumn> lookups)
    {
        var unindexed = postgres ? "k." : "+k.";
        var sameHashes = string.Join(" AND ", LookupColumns.Select(c => $"{unindexed}\"{c}\" IS NOT DISTINCT FROM s.\"{c}\""));
        var arms = lookups.Select(lookup => (Column: LookupColumns[(int)lookup], Lookup: (int)lookup)).Select(arm => $"""
            SELECT s."Line", k."Id", k."Category" IS NOT DISTINCT FROM s."Category"
            FROM {Staging} s JOIN "KnownHashes" k ON k."{arm.Column}" = s."{arm.Column}"
            WHERE s."Lookup" = {arm.Lookup} AND {unindexed}"HashListId" = @list AND k."TombstonedAt" IS NULL AND {sameHashes}
            """);
        return $"INSERT INTO {Matches} (\"Line\", \"Id\", \"Same\")\n" + string.Join("\nUNION ALL\n", arms);
    }

    private const string AddNew = $"""
        INSERT INTO "KnownHashes" ("HashListId", "Md5", "Sha1", "Sha256", "Pdq", "PdqQuality", "Vpdq", "PhotoDna", "Category", "SourceId", "ImportId", "AddedAt")
        SELECT @list, s."Md5", s."Sha1", s."Sha256", s."Pdq", s."PdqQuality", s."Vpdq", s."PhotoDna", s."Category", s."SourceId", @import, @now
        FROM {Staging} s
        WHERE NOT EXISTS (SELECT 1 FROM {Matches} u WHERE u."Line" = s."Line" AND u."Same")
        ORDER BY s."Line"
        """;

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<HashListEntry> entries, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (\"Line\", \"Lookup\", \"Md5\", \"Sha1\", \"Sha256\", \"Pdq\", \"PdqQuality\", \"Vpdq\", \"PhotoDna\", \"Category\", \"SourceId\") FROM STDIN (FORMAT BINARY)", ct);
        for (var line = 0; line < entries.Count; line++)
        {
            var entry = entries[line];
            await copy.StartRowAsync(ct);
            await copy.WriteAsync((long)line, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync((int)LookupOf(entry), NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, entry.Md5, ct);
            await WriteAsync(copy, entry.Sha1, ct);
            await WriteAsync(copy, entry.Sha256, ct);
            await WriteAsync(copy, entry.Pdq?.ToString(), ct);
            if (entry.PdqQuality is { } quality)
            {
                await copy.WriteAsync(quality, NpgsqlDbType.Integer, ct);
            }
            else
            {
                await copy.WriteNullAsync(ct);
            }

            await WriteAsync(copy, entry.Vpdq, ct);
            await WriteAsync(copy, entry.PhotoDna, ct);
            await WriteAsync(copy, entry.Category, ct);
            await WriteAsync(copy, entry.SourceId, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    /// <summary>SQLite has no bulk load; one prepared statement, its parameters rebound per row, is as fast as it gets.</summary>
    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<HashListEntry> entries)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {Staging} VALUES ({string.Join(", ", StagingParameters)})";
        var parameters = StagingParameters.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        insert.Prepare();
        for (var line = 0; line < entries.Count; line++)
        {
            var entry = entries[line];
            parameters[0].Value = (long)line;
            parameters[1].Value = (int)LookupOf(entry);
            parameters[2].Value = (object?)entry.Md5 ?? DBNull.Value;
            parameters[3].Value = (object?)entry.Sha1 ?? DBNull.Value;
            parameters[4].Value = (object?)entry.Sha256 ?? DBNull.Value;
            parameters[5].Value = (object?)entry.Pdq?.ToString() ?? DBNull.Value;
            parameters[6].Value = (object?)entry.PdqQuality ?? DBNull.Value;
            parameters[7].Value = (object?)entry.Vpdq ?? DBNull.Value;
            parameters[8].Value = (object?)entry.PhotoDna ?? DBNull.Value;
            parameters[9].Value = (object?)entry.Category ?? DBNull.Value;
            parameters[10].Value = (object?)entry.SourceId ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>A parameter for a <see cref="KnownHash"/> column, made by EF's own type mapping (GUIDs and dates as EF writes them).</summary>
    private static Func<DbCommand, DbParameter> Parameter(ClearlineDbContext db, string property, object? value, string? name = null)
    {
        var mapping = db.Model.FindEntityType(typeof(KnownHash))!.FindProperty(property)!.GetRelationalTypeMapping();
        var sql = db.GetService<ISqlGenerationHelper>();
        return command => mapping.CreateParameter(command, sql.GenerateParameterName(name ?? "list"), value, nullable: value is null);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string text, params Func<DbCommand, DbParameter>[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter(command));
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string text, CancellationToken ct, params Func<DbCommand, DbParameter>[] parameters)
    {
        await using var command = Command(connection, transaction, text, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>What a merge did: entries added, entries already live with the same category, and live entries to replace.</summary>
internal sealed record KnownHashMergeResult(int Added, int Unchanged, IReadOnlyList<long> Replaced);

/// <summary>The one hash an entry is looked up by, in order of preference (the indexed, collision-free ones first).</summary>
internal enum LookupColumn
{
    Sha256,
    Md5,
    Sha1,
    PhotoDna,
    Pdq,

    /// <summary>A video known by its vPDQ alone (an HMA <c>vpdq</c> signal): compared as the stored text, unindexed.</summary>
    Vpdq,
}
