using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Clearline.Storage.S3;

/// <summary>What <see cref="S3StoreCopy"/> did: objects copied, already there, and failed (the first one named).</summary>
public sealed record StoreCopyResult(int Copied, int Skipped, int Failed, string? FirstFailure);

/// <summary>
/// Copies the file-system store (<c>Storage:MediaPath</c>) into the S3 bucket (<c>Storage:S3:*</c>), so it runs
/// before <c>Storage:Backend</c> is switched. Ciphertext is copied as it is (nothing is decrypted); each object
/// is hashed (SHA-256) before upload and read back and hashed again after, and one already in the bucket with
/// the same hash is skipped, so a copy that stopped resumes where it was.
/// </summary>
public sealed class S3StoreCopy(IOptions<StorageOptions> options)
{
    /// <summary>The ciphertext's SHA-256, kept as object metadata so a resumed copy need not read the object back.</summary>
    internal const string HashMetadata = "x-amz-meta-clearline-ciphertext-sha256";

    public async Task<StoreCopyResult> CopyAsync(IProgress<StoreCopyResult>? progress, CancellationToken ct)
    {
        var settings = options.Value;
        var source = new FileSystemBlobBackend(options);
        using var target = new S3BlobBackend(settings.S3);
        int copied = 0, skipped = 0, failed = 0;
        string? firstFailure = null;
        foreach (var (address, path) in StoredFiles(Path.GetFullPath(settings.MediaPath!), source))
        {
            try
            {
                var hash = await HashFileAsync(path, ct);
                if (await IsThereAsync(target, address, new FileInfo(path).Length, hash, ct))
                {
                    skipped++;
                }
                else
                {
                    await UploadAsync(target, address, path, hash, ct);
                    var readBack = await HashObjectAsync(target, address, ct) ?? [];
                    if (!CryptographicOperations.FixedTimeEquals(hash, readBack))
                    {
                        throw new IOException("the object read back from the bucket does not match the file's SHA-256");
                    }

                    copied++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AmazonServiceException or HttpRequestException)
            {
                failed++;
                firstFailure ??= $"{Path.GetRelativePath(settings.MediaPath!, path)}: {ex.Message}";
            }

            progress?.Report(new StoreCopyResult(copied, skipped, failed, firstFailure));
        }

        return new StoreCopyResult(copied, skipped, failed, firstFailure);
    }

    /// <summary>Files laid out as the file-system backend writes them (<c>ab/cd/abcd…</c>); <c>.tmp</c> and strays are not objects.</summary>
    private static IEnumerable<(string Address, string Path)> StoredFiles(string root, FileSystemBlobBackend source)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("Storage:MediaPath does not exist: there is no file-system store to copy.");
        }

        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (BlobAddress.IsValid(name) && source.PathOf(name) == path)
            {
                yield return (name, path);
            }
        }
    }

    private static async Task<bool> IsThereAsync(S3BlobBackend target, string address, long length, byte[] hash, CancellationToken ct)
    {
        Amazon.S3.Model.GetObjectMetadataResponse head;
        try
        {
            head = await target.Client.GetObjectMetadataAsync(target.Bucket, target.KeyOf(address), ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        if (head.ContentLength != length)
        {
            return false;
        }

        // Written by this command: the hash it verified is in the metadata. Written by the S3 backend: read it back.
        var recorded = head.Metadata[HashMetadata];
        if (recorded is { Length: > 0 })
        {
            return string.Equals(recorded, Convert.ToHexStringLower(hash), StringComparison.Ordinal);
        }

        var readBack = await HashObjectAsync(target, address, ct) ?? [];
        return CryptographicOperations.FixedTimeEquals(hash, readBack);
    }

    private static async Task UploadAsync(S3BlobBackend target, string address, string path, byte[] hash, CancellationToken ct)
    {
        await using var pending = new S3PendingBlob(target) { CiphertextSha256 = Convert.ToHexStringLower(hash) };
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
        {
            await file.CopyToAsync(pending.Content, 1024 * 1024, ct);
        }

        await pending.CommitAsync(address, ct);
    }

    private static async Task<byte[]> HashFileAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return await SHA256.HashDataAsync(file, ct);
    }

    private static async Task<byte[]?> HashObjectAsync(S3BlobBackend target, string address, CancellationToken ct)
    {
        await using var stream = await target.OpenReadAsync(address, ct);
        return stream is null ? null : await SHA256.HashDataAsync(stream, ct);
    }
}
