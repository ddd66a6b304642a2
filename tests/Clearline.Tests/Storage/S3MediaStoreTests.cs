using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Storage;

/// <summary>The media store's tests (<see cref="MediaStoreTests"/>) with <c>Storage:Backend=S3</c>, on both databases.</summary>
public sealed class S3MediaStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases(0)]
    [BothDatabases(300_000)]
    [InlineData(DatabaseProvider.Sqlite, 1)]
    [InlineData(DatabaseProvider.Sqlite, 65537)]
    [InlineData(DatabaseProvider.Sqlite, 9_000_000)]
    public async Task PutThenOpen_AnySize_RoundTrips(DatabaseProvider provider, int length)
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(provider, bucket.Settings());
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
        Assert.True(stored.Created);
        Assert.Equal(content, read);
        Assert.Equal([$"{stored.Sha256[..2]}/{stored.Sha256[2..4]}/{stored.Sha256}"], await bucket.KeysAsync());
        Assert.False(Directory.Exists(Path.Combine(database.DataPath, "media")));
    }

    [Fact]
    public async Task Put_OnlyCiphertextInTheBucket()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, bucket.Settings());
        var content = BenignBytes.Create(200_000, seed: 7);

        var stored = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));

        var key = Assert.Single(await bucket.KeysAsync());
        using var response = await bucket.Client.GetObjectAsync(bucket.Name, key, Ct);
        var ciphertext = await BenignBytes.ReadAllAsync(response.ResponseStream);
        Assert.True(ciphertext.AsSpan().IndexOf(content.AsSpan(100_000, 32)) < 0, "plaintext found in the bucket");
        Assert.DoesNotContain(database.Logs.Entries, log => log.Message.Contains(stored.Sha256, StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Put_SameContentTwice_IsIdempotent(DatabaseProvider provider)
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(provider, bucket.Settings());
        var content = BenignBytes.Create(70_000);

        var first = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));
        var second = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(1, await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<MediaBlob>().CountAsync(Ct)));
        Assert.Single(await bucket.KeysAsync());
    }

    [Theory]
    [BothDatabases]
    public async Task Put_SameContentConcurrently_StaysReadable(DatabaseProvider provider)
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(provider, bucket.Settings());
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
        Assert.Single(await bucket.KeysAsync());
    }

    [Fact]
    public async Task OpenRead_UnknownAddress_NotFound_AndExistsAfterPut()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, bucket.Settings());
        await database.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<MediaStore>();
            Assert.IsType<BlobReadResult.NotFound>(await store.OpenReadAsync(new string('a', 64), Ct));
            Assert.IsType<BlobReadResult.NotFound>(await store.OpenReadAsync("../../etc/passwd", Ct));
            var stored = await store.PutAsync(new MemoryStream(BenignBytes.Create(10)), Ct);
            Assert.True(await store.ExistsAsync(stored.Sha256, Ct));
        });
    }

    [Fact]
    public async Task OpenRead_ObjectAlteredInTheBucket_Tampered()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, bucket.Settings());
        var stored = await database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(BenignBytes.Create(200_000)), Ct));
        var key = Assert.Single(await bucket.KeysAsync());
        byte[] ciphertext;
        using (var response = await bucket.Client.GetObjectAsync(bucket.Name, key, Ct))
        {
            ciphertext = await BenignBytes.ReadAllAsync(response.ResponseStream);
        }

        ciphertext[30] ^= 0x01;
        await bucket.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket.Name, Key = key, InputStream = new MemoryStream(ciphertext), UseChunkEncoding = false }, Ct);

        await database.InScopeAsync(async sp =>
            Assert.IsType<BlobReadResult.Tampered>(await sp.GetRequiredService<MediaStore>().OpenReadAsync(stored.Sha256, Ct)));
    }
}
