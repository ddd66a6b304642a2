using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Clearline.Cluster;

/// <summary>A job row as the test reads it: who ran it how often, and what it was for.</summary>
internal sealed record JobRow(Guid Id, string Kind, string Payload, int State, int Attempts, DateTimeOffset RunAfter)
{
    /// <summary>Queued for later and never run: a schedule (the daily retention run), not unfinished work.</summary>
    public bool IsScheduled(DateTimeOffset now) => State == 0 && Attempts == 0 && RunAfter > now;
}

/// <summary>
/// The cluster's own fresh PostgreSQL database on the server of <c>CLEARLINE_TEST_POSTGRES</c>, dropped afterwards,
/// and the counts the test checks, read with plain SQL (the nodes own the schema; the test only looks).
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    public const string Variable = "CLEARLINE_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private ClusterDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static async Task<ClusterDatabase> CreateAsync(string server, CancellationToken ct)
    {
        var name = "clearline_cluster_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"", ct);
        return new ClusterDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
    }

    /// <summary>URLs of the report's crawl that have been fetched (or failed), i.e. no longer pending.</summary>
    public Task<long> FetchedAsync(Guid reportId, CancellationToken ct) =>
        ScalarAsync("SELECT count(*) FROM \"CrawledUrls\" WHERE \"ReportId\" = @id AND \"State\" <> 'Pending'", reportId, ct);

    /// <summary>The process id in the lease owner of the running crawl job (<c>machine/pid/instance</c>), or null.</summary>
    public async Task<int?> CrawlLeaseHolderAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT \"LeaseOwner\" FROM \"Jobs\" WHERE \"Kind\" = 'crawl' AND \"State\" = 1", connection);
        return await command.ExecuteScalarAsync(ct) is string owner && owner.Split('/') is [_, var pid, _] ? int.Parse(pid, CultureInfo.InvariantCulture) : null;
    }

    public async Task<IReadOnlyList<JobRow>> JobsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT \"Id\", \"Kind\", \"Payload\", \"State\", \"Attempts\", \"RunAfter\" FROM \"Jobs\"", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var jobs = new List<JobRow>();
        while (await reader.ReadAsync(ct))
        {
            jobs.Add(new JobRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return jobs;
    }

    /// <summary>Jobs not yet finished: running, or queued and due (a schedule for later, such as retention, is not).</summary>
    public Task<long> UnfinishedJobsAsync(CancellationToken ct) =>
        ScalarAsync("SELECT count(*) FROM \"Jobs\" WHERE \"State\" = 1 OR (\"State\" = 0 AND \"RunAfter\" <= now())", null, ct);

    /// <summary>Every row of the report's crawled URLs: (URL, state, media, evidence, body).</summary>
    public async Task<IReadOnlyList<(string Url, string State, string? Media, string? Evidence, string? Body)>> UrlsAsync(Guid reportId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT \"Url\", \"State\", \"MediaSha256\", \"EvidenceSha256\", \"BodySha256\" FROM \"CrawledUrls\" WHERE \"ReportId\" = @id", connection);
        command.Parameters.AddWithValue("id", reportId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, string, string?, string?, string?)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4)));
        }

        return rows;
    }

    public Task<IReadOnlyList<string>> BlobAddressesAsync(CancellationToken ct) =>
        StringsAsync("SELECT \"Sha256\" FROM \"MediaBlobs\" WHERE \"ShreddedAt\" IS NULL", null, ct);

    public Task<IReadOnlyList<string>> MediaItemsAsync(CancellationToken ct) =>
        StringsAsync("SELECT \"Sha256\" FROM \"MediaItems\"", null, ct);

    /// <summary>The report's media occurrences as <c>url-id/sha256</c>, one per place an item was found.</summary>
    public Task<IReadOnlyList<string>> OccurrencesAsync(Guid reportId, CancellationToken ct) =>
        StringsAsync("SELECT \"CrawledUrlId\"::text || '/' || \"MediaSha256\" FROM \"MediaOccurrences\" WHERE \"ReportId\" = @id", reportId, ct);

    /// <summary>The media addresses a <c>match-media</c> job was queued for.</summary>
    public static IReadOnlyList<string> MatchedMedia(JobRow job) =>
        [.. JsonDocument.Parse(job.Payload).RootElement.GetProperty("mediaSha256").EnumerateArray().Select(e => e.GetString()!)];

    private async Task<long> ScalarAsync(string sql, Guid? id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<string>> StringsAsync(string sql, Guid? id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task ExecuteAsync(string server, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
