using System.Buffers;
using System.Security.Cryptography;

namespace Clearline.Storage;

/// <summary>Encrypts a plaintext stream chunk by chunk while hashing it, so memory stays at a few chunks.</summary>
internal static class BlobEncryption
{
    public static async Task<(string Sha256, long Length)> EncryptAsync(
        Stream plaintext, Stream destination, byte[] dataKey, CancellationToken ct)
    {
        const int chunk = BlobFormat.ChunkSize;
        var header = new byte[BlobFormat.HeaderSize];
        BlobFormat.WriteHeader(header, chunk, RandomNumberGenerator.GetBytes(8));
        await destination.WriteAsync(header, ct);

        // Pooled: a crawl seals thousands of blobs. Plaintext buffers are zeroed before they go back to the pool.
        var current = ArrayPool<byte>.Shared.Rent(chunk);
        var next = ArrayPool<byte>.Shared.Rent(chunk);
        var cipher = ArrayPool<byte>.Shared.Rent(chunk + BlobFormat.TagSize);
        var nonce = new byte[BlobFormat.NonceSize];
        var aad = new byte[BlobFormat.ChunkAadSize];
        using var gcm = new AesGcm(dataKey, BlobFormat.TagSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            long index = 0;
            long total = 0;
            var currentLength = await plaintext.ReadAtLeastAsync(current.AsMemory(0, chunk), chunk, throwOnEndOfStream: false, ct);
            while (true)
            {
                // A full chunk is final only if nothing follows it, so read ahead one chunk before sealing.
                var nextLength = currentLength == chunk
                    ? await plaintext.ReadAtLeastAsync(next.AsMemory(0, chunk), chunk, throwOnEndOfStream: false, ct)
                    : 0;
                var final = nextLength == 0;
                hash.AppendData(current, 0, currentLength);
                total += currentLength;

                BlobFormat.Nonce(header, index, nonce);
                BlobFormat.ChunkAad(header, index, final, aad);
                gcm.Encrypt(nonce, current.AsSpan(0, currentLength), cipher.AsSpan(0, currentLength),
                    cipher.AsSpan(currentLength, BlobFormat.TagSize), aad);
                await destination.WriteAsync(cipher.AsMemory(0, currentLength + BlobFormat.TagSize), ct);

                if (final)
                {
                    return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
                }

                (current, next) = (next, current);
                currentLength = nextLength;
                index++;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(current);
            CryptographicOperations.ZeroMemory(next);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }
}
