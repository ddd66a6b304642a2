using System.Security.Cryptography;

namespace Clearline.Storage;

/// <summary>A small value sealed by <see cref="EnvelopeSeal"/>: the key-encryption key's id, the wrapped data key, and nonce + ciphertext + tag.</summary>
public sealed record SealedValue(string KeyId, byte[] WrappedKey, byte[] Sealed);

/// <summary>
/// Seals small secrets kept in database rows (a reporter's credentials for gated content, a public reporter's e-mail
/// address) with the media store's envelope encryption: a fresh AES-256-GCM data key per value, wrapped by the active
/// key-encryption key (<see cref="KeyRing"/>), both bound to the caller's associated data (the row it belongs to).
/// </summary>
/// <remarks>The key-encryption key lives outside the database, so a copy of the database alone reveals nothing.</remarks>
public sealed class EnvelopeSeal(KeyRing keys)
{
    public SealedValue Seal(ReadOnlySpan<byte> plaintext, byte[] aad)
    {
        var dataKey = RandomNumberGenerator.GetBytes(StorageOptions.KeySize);
        try
        {
            var active = keys.Active;
            var sealedBytes = new byte[BlobFormat.NonceSize + plaintext.Length + BlobFormat.TagSize];
            var nonce = sealedBytes.AsSpan(0, BlobFormat.NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var gcm = new AesGcm(dataKey, BlobFormat.TagSize);
            gcm.Encrypt(nonce, plaintext, sealedBytes.AsSpan(BlobFormat.NonceSize, plaintext.Length), sealedBytes.AsSpan(^BlobFormat.TagSize), aad);
            return new SealedValue(active.Id, active.Wrap(dataKey, aad), sealedBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The plaintext; the caller zeroes it when done.</summary>
    /// <exception cref="CryptographicException">The row was altered or moved to another row, or its key-encryption key is no longer configured.</exception>
    public byte[] Open(SealedValue value, byte[] aad)
    {
        ArgumentNullException.ThrowIfNull(value);
        var dataKey = new byte[StorageOptions.KeySize];
        try
        {
            if (!keys.TryGet(value.KeyId, out var kek) || !kek.TryUnwrap(value.WrappedKey, aad, dataKey))
            {
                throw new CryptographicException($"The sealed value cannot be unwrapped with key {value.KeyId}.");
            }

            var length = value.Sealed.Length - BlobFormat.NonceSize - BlobFormat.TagSize;
            if (length < 0)
            {
                throw new CryptographicException("The sealed value is too short.");
            }

            var plaintext = new byte[length];
            using var gcm = new AesGcm(dataKey, BlobFormat.TagSize);
            gcm.Decrypt(value.Sealed.AsSpan(0, BlobFormat.NonceSize), value.Sealed.AsSpan(BlobFormat.NonceSize, length),
                value.Sealed.AsSpan(^BlobFormat.TagSize), plaintext, aad);
            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }
}
