using System.Buffers;
using System.Security.Cryptography;

namespace Clearline.Media.Hashing;

/// <summary>
/// Computes MD5, SHA-1 and SHA-256 in one pass over the bytes: each chunk is fed to all three digests while it
/// is still in cache, so a stream is read once and never needs to be held in memory for hashing.
/// </summary>
/// <remarks>Not thread-safe; create one per concurrent item (or use the static helpers).</remarks>
public sealed class CryptographicHasher : IDisposable
{
    /// <summary>The chunk size: large enough to amortise calls, small enough to stay in L2 cache for all three digests.</summary>
    public const int ChunkSize = 64 * 1024;

    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The number of bytes appended since the last <see cref="Finish"/>.</summary>
    public long Length { get; private set; }

    /// <summary>Feeds the next bytes to all three digests.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        for (var offset = 0; offset < data.Length; offset += ChunkSize)
        {
            var chunk = data.Slice(offset, Math.Min(ChunkSize, data.Length - offset));
            _md5.AppendData(chunk);
            _sha1.AppendData(chunk);
            _sha256.AppendData(chunk);
        }

        Length += data.Length;
    }

    /// <summary>Returns the digests of everything appended and resets for the next item.</summary>
    public CryptographicHashes Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        var md5 = Convert.ToHexStringLower(digest[.._md5.GetHashAndReset(digest)]);
        var sha1 = Convert.ToHexStringLower(digest[.._sha1.GetHashAndReset(digest)]);
        var sha256 = Convert.ToHexStringLower(digest[.._sha256.GetHashAndReset(digest)]);
        Length = 0;
        return new CryptographicHashes(md5, sha1, sha256);
    }

    /// <summary>The digests of bytes already in memory.</summary>
    public static CryptographicHashes Compute(ReadOnlySpan<byte> data)
    {
        using var hasher = new CryptographicHasher();
        hasher.Append(data);
        return hasher.Finish();
    }

    /// <summary>The digests of a stream, read to its end once with a pooled buffer.</summary>
    public static async Task<CryptographicHashes> ComputeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hasher = new CryptographicHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }

            return hasher.Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _md5.Dispose();
        _sha1.Dispose();
        _sha256.Dispose();
    }
}
