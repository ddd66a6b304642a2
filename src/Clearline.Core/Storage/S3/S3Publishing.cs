using Amazon.Runtime;
using Amazon.S3.Model;

namespace Clearline.Storage.S3;

/// <summary>Server-side copies that publish a completed upload under its address, and best-effort cleanup.</summary>
internal static class S3Publishing
{
    /// <summary>Copies within the bucket: one request up to the single-copy limit, a multipart copy beyond it.</summary>
    public static async Task CopyAsync(S3BlobBackend backend, string source, string target, long length, CancellationToken ct)
    {
        if (length <= backend.SingleCopyLimit)
        {
            await backend.Client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = backend.Bucket,
                SourceKey = source,
                DestinationBucket = backend.Bucket,
                DestinationKey = target,
            }, ct);
            return;
        }

        var started = await backend.Client.InitiateMultipartUploadAsync(backend.Bucket, target, ct);
        try
        {
            // 512 MiB parts, or larger so the copy stays within 10,000 parts.
            var partSize = Math.Max(512L * 1024 * 1024, (length + 9_999) / 10_000);
            var parts = new List<PartETag>();
            for (long first = 0; first < length; first += partSize)
            {
                var response = await backend.Client.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = backend.Bucket,
                    SourceKey = source,
                    DestinationBucket = backend.Bucket,
                    DestinationKey = target,
                    UploadId = started.UploadId,
                    PartNumber = parts.Count + 1,
                    FirstByte = first,
                    LastByte = Math.Min(first + partSize, length) - 1,
                }, ct);
                parts.Add(new PartETag(parts.Count + 1, response.ETag));
            }

            await backend.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = backend.Bucket,
                Key = target,
                UploadId = started.UploadId,
                PartETags = parts,
            }, ct);
        }
        catch
        {
            await BestEffortAsync(() => backend.Client.AbortMultipartUploadAsync(backend.Bucket, target, started.UploadId));
            throw;
        }
    }

    /// <summary>
    /// Cleanup that must not hide the failure being cleaned up after: what it cannot remove, the bucket's
    /// lifecycle rules do (docs/storage.md: expire <c>.tmp/</c> and abort incomplete multipart uploads after a day).
    /// </summary>
    public static async Task BestEffortAsync(Func<Task> cleanup)
    {
        try
        {
            await cleanup();
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Left to the lifecycle rules.
        }
    }
}
