using Clearline.Storage;
using Clearline.Storage.S3;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Storage;

/// <summary>
/// What every <see cref="IBlobBackend"/> promises, run on the file system and on S3 (s3rver): nothing under an
/// address before commit, nothing left by a dispose without commit, a commit replaces, reads seek. The S3
/// backend runs with small parts and read windows so multipart uploads and ranged reads are exercised.
/// </summary>
public sealed class S3BlobBackendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<StorageBackend, int> BackendsAndSizes => new()
    {
        { StorageBackend.FileSystem, 0 },
        { StorageBackend.FileSystem, 300_000 },
        { StorageBackend.S3, 0 },
        { StorageBackend.S3, 1000 },
        { StorageBackend.S3, 64 * 1024 },
        { StorageBackend.S3, 300_000 },
    };

    [Theory]
    [MemberData(nameof(BackendsAndSizes))]
    public async Task Commit_AnySize_NothingBeforeCommitThenReadable(StorageBackend kind, int length)
    {
        await using var backend = await TestBackend.CreateAsync(kind);
        var content = BenignBytes.Create(length);
        var address = BenignBytes.Sha256(content);

        await using (var pending = await backend.Backend.BeginWriteAsync(Ct))
        {
            await pending.Content.WriteAsync(content, Ct);
            await pending.MakeDurableAsync(Ct);
            Assert.False(await backend.Backend.ExistsAsync(address, Ct));
            await pending.CommitAsync(address, Ct);
        }

        Assert.True(await backend.Backend.ExistsAsync(address, Ct));
        await using var read = await backend.Backend.OpenReadAsync(address, Ct);
        Assert.NotNull(read);
        Assert.Equal(content, await BenignBytes.ReadAllAsync(read));
        Assert.Equal([address], await backend.StoredAsync());
    }

    [Theory]
    [MemberData(nameof(BackendsAndSizes))]
    public async Task Dispose_WithoutCommit_LeavesNothing(StorageBackend kind, int length)
    {
        await using var backend = await TestBackend.CreateAsync(kind);
        var content = BenignBytes.Create(length, seed: 5);

        await using (var pending = await backend.Backend.BeginWriteAsync(Ct))
        {
            await pending.Content.WriteAsync(content, Ct);
            await pending.MakeDurableAsync(Ct);
        }

        Assert.False(await backend.Backend.ExistsAsync(BenignBytes.Sha256(content), Ct));
        Assert.Empty(await backend.StoredAsync());
    }

    [Theory]
    [InlineData(StorageBackend.FileSystem)]
    [InlineData(StorageBackend.S3)]
    public async Task Commit_OverAnExistingObject_ReplacesIt(StorageBackend kind)
    {
        await using var backend = await TestBackend.CreateAsync(kind);
        var address = new string('e', 64);
        foreach (var seed in new[] { 1, 2 })
        {
            await using var pending = await backend.Backend.BeginWriteAsync(Ct);
            await pending.Content.WriteAsync(BenignBytes.Create(200_000, seed), Ct);
            await pending.CommitAsync(address, Ct);
        }

        await using var read = await backend.Backend.OpenReadAsync(address, Ct);
        Assert.Equal(BenignBytes.Create(200_000, seed: 2), await BenignBytes.ReadAllAsync(read!));
        Assert.Equal([address], await backend.StoredAsync());
    }

    [Theory]
    [InlineData(StorageBackend.FileSystem)]
    [InlineData(StorageBackend.S3)]
    public async Task OpenRead_Seek_ReadsFromAnyPosition(StorageBackend kind)
    {
        await using var backend = await TestBackend.CreateAsync(kind);
        var content = BenignBytes.Create(100_000, seed: 9);
        var address = BenignBytes.Sha256(content);
        await using (var pending = await backend.Backend.BeginWriteAsync(Ct))
        {
            await pending.Content.WriteAsync(content, Ct);
            await pending.CommitAsync(address, Ct);
        }

        await using var read = (await backend.Backend.OpenReadAsync(address, Ct))!;
        Assert.True(read.CanSeek);
        Assert.Equal(content.Length, read.Length);
        var buffer = new byte[25_000];
        foreach (var position in new long[] { 70_000, 3, 99_990, 40_000 })
        {
            read.Position = position;
            var n = await read.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, Ct);
            Assert.Equal((int)Math.Min(buffer.Length, content.Length - position), n);
            Assert.Equal(content.AsSpan((int)position, n), buffer.AsSpan(0, n));
        }
    }

    [Theory]
    [InlineData(StorageBackend.FileSystem)]
    [InlineData(StorageBackend.S3)]
    public async Task DeletedOrMissingObject_OpenReadNull_ExistsFalse(StorageBackend kind)
    {
        await using var backend = await TestBackend.CreateAsync(kind);
        var address = new string('a', 64);
        await using (var pending = await backend.Backend.BeginWriteAsync(Ct))
        {
            await pending.Content.WriteAsync(BenignBytes.Create(100), Ct);
            await pending.CommitAsync(address, Ct);
        }

        await backend.Backend.DeleteAsync(address, Ct);

        Assert.Null(await backend.Backend.OpenReadAsync(address, Ct));
        Assert.False(await backend.Backend.ExistsAsync(address, Ct));
        Assert.False(await backend.Backend.ExistsAsync(new string('b', 64), Ct));
        Assert.Empty(await backend.StoredAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => backend.Backend.ExistsAsync("../../etc/passwd", Ct));
    }

    /// <summary>One backend of either kind on a fresh folder or bucket.</summary>
    private sealed class TestBackend : IAsyncDisposable
    {
        private readonly string? _folder;
        private readonly S3TestBucket? _bucket;

        private TestBackend(IBlobBackend backend, string? folder, S3TestBucket? bucket)
        {
            Backend = backend;
            _folder = folder;
            _bucket = bucket;
        }

        public IBlobBackend Backend { get; }

        public static async Task<TestBackend> CreateAsync(StorageBackend kind)
        {
            if (kind == StorageBackend.FileSystem)
            {
                var folder = Directory.CreateTempSubdirectory("clearline-media-").FullName;
                return new TestBackend(new FileSystemBlobBackend(Options.Create(new StorageOptions { MediaPath = folder, KeysPath = folder })), folder, null);
            }

            var bucket = await S3TestBucket.CreateAsync();
            return new TestBackend(new S3BlobBackend(bucket.Options()) { PartSize = 64 * 1024, ReadWindow = 10_000 }, null, bucket);
        }

        /// <summary>Every object left in the store, temporary ones included (as their raw names).</summary>
        public async Task<List<string>> StoredAsync() => _bucket is not null
            ? [.. (await _bucket.KeysAsync()).Select(k => k[(k.LastIndexOf('/') + 1)..])]
            : [.. Directory.GetFiles(_folder!, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>()];

        public async ValueTask DisposeAsync()
        {
            (Backend as IDisposable)?.Dispose();
            if (_bucket is not null)
            {
                await _bucket.DisposeAsync();
            }
            else
            {
                Directory.Delete(_folder!, recursive: true);
            }
        }
    }
}
