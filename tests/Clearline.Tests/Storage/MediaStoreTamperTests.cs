using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Storage;

/// <summary>Every way of altering stored media gives a typed error, never unauthenticated bytes.</summary>
public sealed class MediaStoreTamperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int ChunkWithTag = (64 * 1024) + 16;
    private const int HeaderSize = 17;

    [Fact]
    public async Task OpenRead_FirstChunkByteFlipped_Tampered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(200_000));
        Edit(database, stored, bytes => bytes[HeaderSize + 10] ^= 0x01);

        Assert.IsType<BlobReadResult.Tampered>(await OpenAsync(database, stored));
    }

    [Fact]
    public async Task Read_LaterChunkByteFlipped_ThrowsBeforeReturningIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(200_000));
        Edit(database, stored, bytes => bytes[HeaderSize + ChunkWithTag + 5] ^= 0x80);

        await using var scope = database.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<MediaStore>().OpenReadAsync(stored.Sha256, Ct);
        var ok = Assert.IsType<BlobReadResult.Ok>(result);
        await using var stream = ok.Content;
        var buffer = new byte[200_000];
        var first = await stream.ReadAtLeastAsync(buffer, 64 * 1024, cancellationToken: Ct);

        Assert.Equal(64 * 1024, first);
        await Assert.ThrowsAsync<BlobTamperedException>(() => stream.ReadAtLeastAsync(buffer.AsMemory(first), 1, cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task Read_LastChunkCutOff_Throws()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(200_000));
        Edit(database, stored, bytes => bytes.AsSpan(0, HeaderSize + (3 * ChunkWithTag)).ToArray());

        await AssertReadFailsAsync(database, stored);
    }

    [Fact]
    public async Task Read_TagOfFinalChunkTrimmed_Throws()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(1000));
        Edit(database, stored, bytes => bytes.AsSpan(0, bytes.Length - 1).ToArray());

        await AssertReadFailsAsync(database, stored);
    }

    [Fact]
    public async Task Read_BytesAppended_Throws()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(200_000));
        Edit(database, stored, bytes => [.. bytes, 0x00]);

        await AssertReadFailsAsync(database, stored);
    }

    [Fact]
    public async Task Read_ChunksReordered_Throws()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(200_000));
        Edit(database, stored, bytes =>
        {
            var first = bytes.AsSpan(HeaderSize, ChunkWithTag).ToArray();
            bytes.AsSpan(HeaderSize + ChunkWithTag, ChunkWithTag).CopyTo(bytes.AsSpan(HeaderSize));
            first.CopyTo(bytes.AsSpan(HeaderSize + ChunkWithTag));
        });

        await AssertReadFailsAsync(database, stored);
    }

    [Fact]
    public async Task OpenRead_HeaderChanged_Tampered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(100));
        Edit(database, stored, bytes => bytes[12] ^= 0x01);

        Assert.IsType<BlobReadResult.Tampered>(await OpenAsync(database, stored));
    }

    [Fact]
    public async Task OpenRead_TwoBlobsFilesSwapped_BothTampered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var a = await PutAsync(database, BenignBytes.Create(5000, seed: 1));
        var b = await PutAsync(database, BenignBytes.Create(5000, seed: 2));
        var (pathA, pathB) = (FileOf(database, a), FileOf(database, b));
        var bytesA = await File.ReadAllBytesAsync(pathA, Ct);
        await File.WriteAllBytesAsync(pathA, await File.ReadAllBytesAsync(pathB, Ct), Ct);
        await File.WriteAllBytesAsync(pathB, bytesA, Ct);

        Assert.IsType<BlobReadResult.Tampered>(await OpenAsync(database, a));
        Assert.IsType<BlobReadResult.Tampered>(await OpenAsync(database, b));
    }

    [Fact]
    public async Task OpenRead_TwoBlobsWrappedKeysSwapped_BothTampered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var a = await PutAsync(database, BenignBytes.Create(5000, seed: 1));
        var b = await PutAsync(database, BenignBytes.Create(5000, seed: 2));
        await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var rowA = await db.Set<MediaBlob>().SingleAsync(x => x.Sha256 == a.Sha256);
            var rowB = await db.Set<MediaBlob>().SingleAsync(x => x.Sha256 == b.Sha256);
            (rowA.WrappedKey, rowB.WrappedKey) = (rowB.WrappedKey, rowA.WrappedKey);
            await db.SaveChangesAsync(Ct);
        });

        Assert.IsType<BlobReadResult.Tampered>(await OpenAsync(database, a));
        Assert.IsType<BlobReadResult.Tampered>(await OpenAsync(database, b));
    }

    [Fact]
    public async Task OpenRead_DifferentKeyConfigured_KeyUnavailable()
    {
        var original = Convert.ToBase64String(BenignBytes.Create(32, seed: 10));
        var other = Convert.ToBase64String(BenignBytes.Create(32, seed: 11));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = original });
        var stored = await PutAsync(database, BenignBytes.Create(1000));

        await using var wrongKey = database.CreateServices(new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = other });
        await using var scope = wrongKey.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MediaStore>().OpenReadAsync(stored.Sha256, Ct);

        Assert.IsType<BlobReadResult.KeyUnavailable>(result);
    }

    [Fact]
    public async Task OpenRead_ObjectDeleted_NotFound()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stored = await PutAsync(database, BenignBytes.Create(1000));
        File.Delete(FileOf(database, stored));

        Assert.IsType<BlobReadResult.NotFound>(await OpenAsync(database, stored));
        Assert.True((await PutAsync(database, BenignBytes.Create(1000))).Created);
        Assert.IsType<BlobReadResult.Ok>(await OpenAsync(database, stored));
    }

    private static Task<StoredBlob> PutAsync(TestDatabase database, byte[] content) =>
        database.InScopeAsync(sp => sp.GetRequiredService<MediaStore>().PutAsync(new MemoryStream(content), Ct));

    private static Task<BlobReadResult> OpenAsync(TestDatabase database, StoredBlob blob) =>
        database.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<MediaStore>().OpenReadAsync(blob.Sha256, Ct);
            if (result is BlobReadResult.Ok ok)
            {
                await using var stream = ok.Content;
                await BenignBytes.ReadAllAsync(stream);
            }

            return result;
        });

    private static async Task AssertReadFailsAsync(TestDatabase database, StoredBlob stored)
    {
        await database.InScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<MediaStore>().OpenReadAsync(stored.Sha256, Ct);
            if (result is BlobReadResult.Ok ok)
            {
                await using var stream = ok.Content;
                await Assert.ThrowsAsync<BlobTamperedException>(() => BenignBytes.ReadAllAsync(stream));
            }
            else
            {
                Assert.IsType<BlobReadResult.Tampered>(result);
            }
        });
    }

    private static string FileOf(TestDatabase database, StoredBlob blob) =>
        Path.Combine(database.DataPath, "media", blob.Sha256[..2], blob.Sha256[2..4], blob.Sha256);

    private static void Edit(TestDatabase database, StoredBlob blob, Action<byte[]> edit) =>
        Edit(database, blob, bytes =>
        {
            edit(bytes);
            return bytes;
        });

    private static void Edit(TestDatabase database, StoredBlob blob, Func<byte[], byte[]> edit)
    {
        var path = FileOf(database, blob);
        File.WriteAllBytes(path, edit(File.ReadAllBytes(path)));
    }
}
