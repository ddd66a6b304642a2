using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clearline.Storage.S3;

/// <summary>
/// Ciphertext in an S3 bucket, under the file-system backend's layout: <c>{prefix}ab/cd/abcd…</c>, so a store
/// moved with <c>clearline storage copy</c> keeps its shape. Writes follow <see cref="PendingBlob"/>: nothing
/// appears under an address before commit (see <see cref="S3PendingBlob"/>); reads go by HTTP range in bounded
/// windows (<see cref="S3RangeReadStream"/>).
/// </summary>
/// <remarks>
/// The bucket only ever holds ciphertext and content addresses: envelope encryption happens before the backend.
/// Addresses are validated before they become keys, so no id can name a key outside the store's prefix.
/// </remarks>
public sealed class S3BlobBackend : IBlobBackend, IDisposable
{
    private readonly IAmazonS3 _client;

    public S3BlobBackend(S3StorageOptions options)
        : this(S3Connection.CreateClient(options), options.Bucket!, options.KeyPrefix)
    {
    }

    internal S3BlobBackend(IAmazonS3 client, string bucket, string keyPrefix)
    {
        _client = client;
        Bucket = bucket;
        KeyPrefix = keyPrefix;
    }

    internal IAmazonS3 Client => _client;

    internal string Bucket { get; }

    internal string KeyPrefix { get; }

    /// <summary>Below this, ciphertext is kept in (pooled) memory and put in one request at commit.</summary>
    internal int PartSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Above this, publishing copies in parts (S3's single copy stops at 5 GiB).</summary>
    internal long SingleCopyLimit { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Bytes per ranged GET when reading.</summary>
    internal int ReadWindow { get; init; } = 4 * 1024 * 1024;

    public Task<PendingBlob> BeginWriteAsync(CancellationToken ct) => Task.FromResult<PendingBlob>(new S3PendingBlob(this));

    public async Task<Stream?> OpenReadAsync(string address, CancellationToken ct) =>
        await S3RangeReadStream.OpenAsync(_client, Bucket, KeyOf(address), ReadWindow, ct);

    public async Task<bool> ExistsAsync(string address, CancellationToken ct)
    {
        try
        {
            await _client.GetObjectMetadataAsync(Bucket, KeyOf(address), ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task DeleteAsync(string address, CancellationToken ct) => _client.DeleteObjectAsync(Bucket, KeyOf(address), ct);

    /// <summary>Every stored address, for copying and checking a store.</summary>
    internal async IAsyncEnumerable<(string Address, long Size)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = KeyPrefix };
        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, ct);
            foreach (var item in response.S3Objects ?? [])
            {
                var address = item.Key[(item.Key.LastIndexOf('/') + 1)..];
                if (BlobAddress.IsValid(address) && item.Key == KeyOf(address))
                {
                    yield return (address, item.Size ?? 0);
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    internal string KeyOf(string address)
    {
        if (!BlobAddress.IsValid(address))
        {
            throw new ArgumentException("Not a blob address.", nameof(address));
        }

        return $"{KeyPrefix}{address[..2]}/{address[2..4]}/{address}";
    }

    /// <summary>A key no address can take, for an object being written; a lifecycle rule expires what a crash leaves.</summary>
    internal string NewTemporaryKey() => $"{KeyPrefix}.tmp/{Guid.NewGuid():N}.part";

    public void Dispose() => _client.Dispose();
}
