using Clearline.Storage.S3;

namespace Clearline.Tests.Storage;

/// <summary>An S3 server that fails mid-upload: a clear error, nothing published, the upload aborted, a retry that works.</summary>
public sealed class S3FailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_ConnectionCutDuringAPartUpload_FailsClearlyPublishesNothingAndARetrySucceeds()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        await using var proxy = new FailingS3Proxy(bucket.Endpoint);
        using var backend = new S3BlobBackend(bucket.Options(proxy.Endpoint)) { PartSize = 64 * 1024 };
        var content = BenignBytes.Create(300_000, seed: 11);
        var address = BenignBytes.Sha256(content);

        proxy.CutPartUploads = true;
        var failed = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await using var pending = await backend.BeginWriteAsync(Ct);
            await pending.Content.WriteAsync(content, Ct);
            await pending.CommitAsync(address, Ct);
        });

        Assert.Contains("Uploading part", failed.Message, StringComparison.Ordinal);
        Assert.False(await backend.ExistsAsync(address, Ct));
        Assert.Empty(await bucket.KeysAsync());
        // s3rver does not implement AbortMultipartUpload (it answers 405), so what is checked is that the abort
        // was asked for; a real S3 or MinIO drops the parts, and the lifecycle rule covers a server that did not.
        var started = Assert.Single(proxy.Requests, r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("?uploads", StringComparison.Ordinal));
        Assert.Contains(proxy.Requests, r => r.StartsWith("DELETE ", StringComparison.Ordinal) && r.Contains("uploadId=", StringComparison.Ordinal));

        proxy.CutPartUploads = false;
        await using (var retry = await backend.BeginWriteAsync(Ct))
        {
            await retry.Content.WriteAsync(content, Ct);
            await retry.CommitAsync(address, Ct);
        }

        await using var read = await backend.OpenReadAsync(address, Ct);
        Assert.Equal(content, await BenignBytes.ReadAllAsync(read!));
        Assert.Single(await bucket.KeysAsync());
        Assert.NotNull(started);
    }

    [Fact]
    public async Task Write_ServerUnreachable_FailsAndLeavesNothing()
    {
        await using var bucket = await S3TestBucket.CreateAsync();
        var options = bucket.Options($"http://127.0.0.1:{Cli.ClearlineProcess.FreePort()}");
        using var backend = new S3BlobBackend(options);
        var content = BenignBytes.Create(1000);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var pending = await backend.BeginWriteAsync(Ct);
            await pending.Content.WriteAsync(content, Ct);
            await pending.CommitAsync(BenignBytes.Sha256(content), Ct);
        });

        Assert.Empty(await bucket.KeysAsync());
    }
}
