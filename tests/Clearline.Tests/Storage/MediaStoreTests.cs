using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Storage;

public sealed class MediaStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases(0)]
    [BothDatabases(300_000)]
    [InlineData(DatabaseProvider.Sqlite, 1)]
    [InlineData(DatabaseProvider.Sqlite, 1000)]
    [InlineData(DatabaseProvider.Sqlite, 65536)]
    [InlineData(DatabaseProvider.Sqlite, 65537)]
    public async Task PutThenOpen_AnySize_RoundTrips(DatabaseProvider provider, int length)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var content = BenignBytes.Create(length);

        var stored = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));
        var read = await database.InScopeAsync(async sp =>
        {
            var result = Assert.IsType<BlobReadResult.Ok>(await sp.GetRequiredService<MediaStore>().OpenReadAsync(stored.Sha256, Ct));
            await using var stream = result.Content;
            Assert.Equal(length, result.Length);
            return await BenignBytes.ReadAllAsync(stream);
        });

        Assert.Equal(BenignBytes.Sha256(content), stored.Sha256);
        Assert.Equal(length, stored.Length);
        Assert.True(stored.Created);
        Assert.Equal(content, read);
    }

    [Fact]
    public async Task Put_PlaintextNeverOnDisk_OnlyCiphertextUnderItsAddress()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var content = BenignBytes.Create(200_000, seed: 7);

        var stored = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));

        var media = Path.Combine(database.DataPath, "media");
        var file = Path.Combine(media, stored.Sha256[..2], stored.Sha256[2..4], stored.Sha256);
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFiles(Path.Combine(media, ".tmp")));
        var probe = content.AsSpan(100_000, 32).ToArray();
        foreach (var path in Directory.GetFiles(database.DataPath, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.ReadAllBytes(path).AsSpan().IndexOf(probe) < 0, $"plaintext found in {path}");
        }

        Assert.DoesNotContain(database.Logs.Entries, log => log.Message.Contains(stored.Sha256, StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Put_SameContentTwice_IsIdempotent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var content = BenignBytes.Create(70_000);

        var first = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));
        var second = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(1, await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<MediaBlob>().CountAsync(Ct)));
        Assert.Empty(Directory.GetFiles(Path.Combine(database.DataPath, "media", ".tmp")));
    }

    [Theory]
    [BothDatabases]
    public async Task Put_SameContentConcurrently_StaysReadable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var content = BenignBytes.Create(150_000, seed: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct)))));

        Assert.Single(results, r => r.Created);
        var read = await database.InScopeAsync(async sp =>
        {
            var ok = Assert.IsType<BlobReadResult.Ok>(await sp.GetRequiredService<MediaStore>().OpenReadAsync(results[0].Sha256, Ct));
            await using var stream = ok.Content;
            return await BenignBytes.ReadAllAsync(stream);
        });
        Assert.Equal(content, read);
    }

    [Fact]
    public async Task OpenRead_UnknownOrMalformedAddress_NotFound()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<MediaStore>();
            Assert.IsType<BlobReadResult.NotFound>(await store.OpenReadAsync(new string('a', 64), Ct));
            Assert.IsType<BlobReadResult.NotFound>(await store.OpenReadAsync("../../etc/passwd", Ct));
            Assert.IsType<BlobReadResult.NotFound>(await store.OpenReadAsync(new string('A', 64), Ct));
            Assert.False(await store.ExistsAsync(new string('a', 64), Ct));
        });
    }

    [Fact]
    public async Task Exists_AfterPut_True()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<MediaStore>();
            var stored = await store.PutAsync(new MemoryStream(BenignBytes.Create(10)), Ct);
            Assert.True(await store.ExistsAsync(stored.Sha256, Ct));
        });
    }

    [Fact]
    public async Task HealthCheck_WritableStoreAndKey_Healthy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var check = ActivatorUtilities.CreateInstance<MediaStoreHealthCheck>(database.Services);

        var result = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), Ct);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, result.Status);
        Assert.Empty(Directory.GetFiles(Path.Combine(database.DataPath, "media"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task HealthCheck_MediaPathNotWritable_Unhealthy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var blocked = Path.Combine(database.DataPath, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "x", Ct);
        await using var services = database.CreateServices(new Dictionary<string, string?> { ["Storage:MediaPath"] = blocked });
        var check = ActivatorUtilities.CreateInstance<MediaStoreHealthCheck>(services);

        var result = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), Ct);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
    }
}
