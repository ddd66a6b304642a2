using System.Security.Cryptography;

namespace Clearline.Storage;

/// <summary>
/// The first half of storing a blob: encrypts plaintext under a fresh data key, wraps that key with the active
/// key-encryption key, and writes the ciphertext durably under a temporary name. Needs no database, so many
/// blobs are sealed in parallel; <see cref="MediaStore.PublishAsync(SealedBlob, CancellationToken)"/> then makes
/// each one readable.
/// </summary>
public sealed class BlobSealer(IBlobBackend backend, KeyRing keys)
{
    public async Task<SealedBlob> SealAsync(Stream plaintext, CancellationToken ct)
    {
        var kek = keys.Active;
        var dataKey = RandomNumberGenerator.GetBytes(StorageOptions.KeySize);
        var pending = await backend.BeginWriteAsync(ct);
        try
        {
            var (sha256, length) = await BlobEncryption.EncryptAsync(plaintext, pending.Content, dataKey, ct);
            var wrapped = kek.Wrap(dataKey, KeyEncryptionKey.BlobAad(sha256));
            await pending.MakeDurableAsync(ct);
            return new SealedBlob(pending, sha256, length, kek.Id, wrapped);
        }
        catch
        {
            await pending.DisposeAsync();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }
}

/// <summary>An encrypted blob written under a temporary name; disposing it unpublished deletes it.</summary>
public sealed class SealedBlob : IAsyncDisposable
{
    internal SealedBlob(PendingBlob pending, string sha256, long length, string keyId, byte[] wrappedKey)
    {
        Pending = pending;
        Sha256 = sha256;
        Length = length;
        KeyId = keyId;
        WrappedKey = wrappedKey;
    }

    /// <summary>Lowercase hex SHA-256 of the plaintext: the address it will be published under.</summary>
    public string Sha256 { get; }

    public long Length { get; }

    internal PendingBlob Pending { get; }

    internal string KeyId { get; }

    internal byte[] WrappedKey { get; }

    public ValueTask DisposeAsync() => Pending.DisposeAsync();
}
