using System.Diagnostics;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Tenancy;
using Clearline.WebHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clearline.Benchmarks;

/// <summary>
/// Known-material lookups through the real services on SQLite (or PostgreSQL): a list of N entries with random
/// MD5, SHA-1 and PDQ hashes (fixed seed); exact lookups per second in partner-sized batches of 1,000 and one
/// item at a time (the ingest path); building the PDQ replica from the database; and the cost of one incremental
/// update (an entry added or tombstoned, then the next lookup catching up).
/// </summary>
/// <remarks>
/// Run: <c>dotnet bench/Clearline.Benchmarks/bin/Release/net10.0/linux-x64/Clearline.Benchmarks.dll knownmaterial [entries] [postgres-connection-string]</c>.
/// </remarks>
public static class KnownMaterialBenchmark
{
    private const int Batch = 1000;

    public static async Task RunAsync(string[] args)
    {
        var entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var postgres = args.Length > 2 ? args[2] : null;
        var data = Directory.CreateTempSubdirectory("clearline-known-").FullName;
        try
        {
            using var host = Build(data, postgres);
            var random = new Random(53);
            var md5s = new string[entries];
            var list = await SeedAsync(host.Services, entries, random, md5s);

            await using var scope = Scope(host.Services);
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ClearlineDbContext>();
            var index = services.GetRequiredService<KnownPdqIndex>();
            var watch = Stopwatch.StartNew();
            await index.CatchUpAsync(db, CancellationToken.None);
            Console.WriteLine($"PDQ replica built from the database: {index.Count:N0} hashes in {watch.Elapsed.TotalSeconds:F1} s, {index.MemoryBytes / (1024 * 1024):N0} MiB");

            await ExactLookupsAsync(services, md5s, random);
            await IncrementalUpdatesAsync(host.Services, list, random);
            Console.WriteLine($"Process working set at the end: {Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024):N0} MiB");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task ExactLookupsAsync(IServiceProvider services, string[] md5s, Random random)
    {
        var matcher = services.GetRequiredService<KnownMaterialMatcher>();

        // Half of each batch is known, half is not: a partner's realistic mix.
        var batches = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, Batch)
            .Select(i => new HashQuery(Md5: i % 2 == 0 ? md5s[random.Next(md5s.Length)] : Hex(random, 32)))
            .ToList()).ToList();
        await matcher.FindAsync(batches[0], null, CancellationToken.None);
        var found = 0;
        var watch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            found += (await matcher.FindAsync(batch, null, CancellationToken.None)).Count(r => r.Count > 0);
        }

        Console.WriteLine($"Exact MD5 lookups in batches of {Batch}: {batches.Count * Batch / watch.Elapsed.TotalSeconds:N0} lookups/s ({found:N0} of {batches.Count * Batch:N0} known)");

        // One item at a time with MD5, SHA-1, SHA-256 and its eight PDQ hashes: what matching at ingest asks.
        var items = Enumerable.Range(0, 500).Select(i => new HashQuery(
            Md5: i % 2 == 0 ? md5s[random.Next(md5s.Length)] : Hex(random, 32), Sha1: Hex(random, 40), Sha256: Hex(random, 64),
            Pdq: [.. Enumerable.Range(0, 8).Select(_ => Media.Pdq.PdqHash.Parse(Hex(random, 64)))])).ToList();
        watch.Restart();
        foreach (var item in items)
        {
            await matcher.FindAsync([item], null, CancellationToken.None);
        }

        Console.WriteLine($"Single items (3 exact hashes + 8 PDQ hashes each): {items.Count / watch.Elapsed.TotalSeconds:N0} items/s, {watch.Elapsed.TotalMilliseconds / items.Count:F2} ms per item");
    }

    private static async Task IncrementalUpdatesAsync(IServiceProvider root, HashList list, Random random)
    {
        const int Updates = 200;
        var commit = new List<double>();
        var catchUp = new List<double>();
        var tombstoneCommit = new List<double>();
        var tombstoneCatchUp = new List<double>();
        var watch = new Stopwatch();
        for (var i = 0; i < Updates; i++)
        {
            await using var scope = Scope(root);
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ClearlineDbContext>();
            var store = services.GetRequiredService<HashListStore>();
            var index = services.GetRequiredService<KnownPdqIndex>();
            var entry = new KnownHash { HashListId = list.Id, Pdq = Hex(random, 64), PdqQuality = 100, Category = "1", AddedAt = DateTimeOffset.UtcNow };

            watch.Restart();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await store.AddAsync([entry], CancellationToken.None);
                await transaction.CommitAsync();
            }

            commit.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await index.CatchUpAsync(db, CancellationToken.None);
            catchUp.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await store.TombstoneAsync(entry.Id, "benchmark", null, CancellationToken.None);
                await transaction.CommitAsync();
            }

            tombstoneCommit.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await index.CatchUpAsync(db, CancellationToken.None);
            tombstoneCatchUp.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"One entry added: commit {Median(commit):F2} ms, next lookup catches up in {Median(catchUp):F2} ms (medians of {Updates})");
        Console.WriteLine($"One entry tombstoned: commit {Median(tombstoneCommit):F2} ms, next lookup catches up in {Median(tombstoneCatchUp):F2} ms");
        Console.WriteLine($"A lookup with nothing new to catch up: {Median(await NoChangeCatchUpsAsync(root)):F2} ms");
    }

    private static async Task<List<double>> NoChangeCatchUpsAsync(IServiceProvider root)
    {
        var times = new List<double>();
        await using var scope = Scope(root);
        var db = scope.ServiceProvider.GetRequiredService<ClearlineDbContext>();
        var index = scope.ServiceProvider.GetRequiredService<KnownPdqIndex>();
        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            await index.CatchUpAsync(db, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<HashList> SeedAsync(IServiceProvider root, int count, Random random, string[] md5s)
    {
        await using var scope = Scope(root);
        var services = scope.ServiceProvider;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var db = services.GetRequiredService<ClearlineDbContext>();
        var list = new HashList { Name = "benchmark", Kind = HashListKind.PoliceDatabase, Trust = HashListTrust.AutoClassify, Visibility = HashListVisibility.Network, Scheme = CategoryScheme.VicsUs, Mapping = CategoryMapping.Default(CategoryScheme.VicsUs) };
        db.Add(list);
        await db.SaveChangesAsync();

        var watch = Stopwatch.StartNew();
        const int Chunk = 10_000;
        for (var start = 0; start < count; start += Chunk)
        {
            var chunk = new List<KnownHash>(Chunk);
            for (var i = start; i < Math.Min(count, start + Chunk); i++)
            {
                md5s[i] = Hex(random, 32);
                chunk.Add(new KnownHash
                {
                    HashListId = list.Id, Md5 = md5s[i], Sha1 = Hex(random, 40), Pdq = Hex(random, 64), PdqQuality = 100, Category = "1", AddedAt = DateTimeOffset.UtcNow,
                });
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await services.GetRequiredService<HashListStore>().AddAsync(chunk, CancellationToken.None);
            await transaction.CommitAsync();
            db.ChangeTracker.Clear();
        }

        Console.WriteLine($"Seeded {count:N0} entries (MD5, SHA-1, PDQ) through HashListStore in {watch.Elapsed.TotalSeconds:F1} s ({count / watch.Elapsed.TotalSeconds:N0} entries/s)");
        return list;
    }

    private static IHost Build(string data, string? postgres)
    {
        var builder = Host.CreateApplicationBuilder();
        new HostSettings(data).Apply(builder.Configuration);
        var settings = new Dictionary<string, string?> { ["Workers:Enabled"] = "false" };
        if (postgres is not null)
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = postgres;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        HostSettings.AddDataDirectory(builder.Services, builder.Configuration);
        builder.Services.AddClearlineCore();
        return builder.Build();
    }

    private static AsyncServiceScope Scope(IServiceProvider root)
    {
        var scope = root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        return scope;
    }

    private static string Hex(Random random, int digits)
    {
        Span<byte> bytes = stackalloc byte[digits / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
