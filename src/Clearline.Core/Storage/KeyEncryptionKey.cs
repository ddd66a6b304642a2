using System.Security.Cryptography;
using System.Text;

namespace Clearline.Storage;

/// <summary>A key-encryption key (KEK): wraps and unwraps per-blob data keys with AES-256-GCM.</summary>
/// <remarks>
/// The id is derived from the key itself (a truncated SHA-256 under a domain label), so a configured key needs
/// no separate name, two keys can never share an id, and a wrong key under a right id is impossible. The id is
/// safe to store and log: it reveals nothing usable about a 256-bit random key.
/// </remarks>
public sealed class KeyEncryptionKey
{
    private const byte WrapVersion = 1;
    private const int WrappedSize = 1 + BlobFormat.NonceSize + StorageOptions.KeySize + BlobFormat.TagSize;
    private readonly byte[] _material;

    internal KeyEncryptionKey(byte[] material)
    {
        if (material.Length != StorageOptions.KeySize)
        {
            throw new ArgumentException("A key-encryption key must be 32 bytes.", nameof(material));
        }

        _material = material;
        Id = DeriveId(material);
    }

    public string Id { get; }

    internal static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(StorageOptions.KeySize));

    internal static string DeriveId(ReadOnlySpan<byte> material)
    {
        var label = "clearline/kek-id/v1\0"u8;
        Span<byte> input = stackalloc byte[label.Length + material.Length];
        label.CopyTo(input);
        material.CopyTo(input[label.Length..]);
        var digest = SHA256.HashData(input);
        CryptographicOperations.ZeroMemory(input);
        return "kek-" + Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    /// <summary>The associated data that binds a wrapped data key to one blob address.</summary>
    /// <remarks>A wrapped key copied onto another blob's row fails to unwrap, so rows cannot be swapped.</remarks>
    internal static byte[] BlobAad(string sha256) => Encoding.ASCII.GetBytes("clearline/media/dek/v1\0" + sha256);

    internal byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> aad)
    {
        var wrapped = new byte[WrappedSize];
        wrapped[0] = WrapVersion;
        var nonce = wrapped.AsSpan(1, BlobFormat.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(_material, BlobFormat.TagSize);
        gcm.Encrypt(nonce, dataKey, wrapped.AsSpan(1 + BlobFormat.NonceSize, StorageOptions.KeySize),
            wrapped.AsSpan(WrappedSize - BlobFormat.TagSize), aad);
        return wrapped;
    }

    /// <summary>Unwraps into <paramref name="dataKey"/>; false when the wrapped key or its binding was altered.</summary>
    internal bool TryUnwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> aad, Span<byte> dataKey)
    {
        if (wrapped.Length != WrappedSize || wrapped[0] != WrapVersion)
        {
            return false;
        }

        using var gcm = new AesGcm(_material, BlobFormat.TagSize);
        try
        {
            gcm.Decrypt(wrapped.Slice(1, BlobFormat.NonceSize), wrapped.Slice(1 + BlobFormat.NonceSize, StorageOptions.KeySize),
                wrapped[(WrappedSize - BlobFormat.TagSize)..], dataKey, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            return false;
        }
    }

    /// <summary>
    /// A 32-byte key for another purpose (sealing the audit chain), derived with HKDF-SHA256 under a fixed
    /// <paramref name="label"/>: the key-encryption key never leaves this class, and the derived key is never stored.
    /// </summary>
    internal byte[] DeriveSubkey(ReadOnlySpan<byte> label)
    {
        var subkey = new byte[StorageOptions.KeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _material, subkey, salt: [], info: label);
        return subkey;
    }

    internal string ToBase64() => Convert.ToBase64String(_material);
}
