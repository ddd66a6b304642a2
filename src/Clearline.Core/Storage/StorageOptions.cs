using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;
using Clearline.Storage.S3;

namespace Clearline.Storage;

/// <summary>Where encrypted media and key files live, and the key-encryption key when the operator supplies it.</summary>
/// <remarks>
/// Key material is never echoed in validation messages: a bad key is reported by setting name only, so a
/// failed start cannot leak a near-correct production key into logs.
/// </remarks>
public sealed class StorageOptions : ISectionOptions, IValidatableObject
{
    public const int KeySize = 32;

    public static string Section => "Storage";

    /// <summary>Where ciphertext lives: <see cref="StorageBackend.FileSystem"/> (default) or an S3 bucket.</summary>
    public StorageBackend Backend { get; set; } = StorageBackend.FileSystem;

    /// <summary>The S3 bucket: the backend when <see cref="Backend"/> is S3, and the target of <c>storage copy --to s3</c>.</summary>
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>Folder of the file-system media backend (and the source of <c>storage copy</c>). Default <c>&lt;data&gt;/media</c>.</summary>
    public string? MediaPath { get; set; }

    /// <summary>Folder of generated key files. Default <c>&lt;data&gt;/keys</c>.</summary>
    public string? KeysPath { get; set; }

    /// <summary>
    /// The active key-encryption key: base64 of 32 random bytes. Supply it through the environment
    /// (<c>CLEARLINE__Storage__KeyEncryptionKey</c>) in production; when absent a key is generated into
    /// <see cref="KeysPath"/>.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>Earlier key-encryption keys, kept so data keys wrapped under them still open until re-wrapped.</summary>
    public IList<string> PreviousKeyEncryptionKeys { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Backend == StorageBackend.FileSystem && string.IsNullOrWhiteSpace(MediaPath))
        {
            yield return new ValidationResult("must not be empty", [nameof(MediaPath)]);
        }

        if (Backend == StorageBackend.S3)
        {
            foreach (var failure in S3.Validate())
            {
                yield return failure;
            }
        }

        if (string.IsNullOrWhiteSpace(KeysPath))
        {
            yield return new ValidationResult("must not be empty", [nameof(KeysPath)]);
        }

        if (KeyEncryptionKey is not null && TryDecodeKey(KeyEncryptionKey) is null)
        {
            yield return new ValidationResult(KeyFormatMessage, [nameof(KeyEncryptionKey)]);
        }

        for (var i = 0; i < PreviousKeyEncryptionKeys.Count; i++)
        {
            if (TryDecodeKey(PreviousKeyEncryptionKeys[i]) is null)
            {
                yield return new ValidationResult(KeyFormatMessage, [$"{nameof(PreviousKeyEncryptionKeys)}:{i}"]);
            }
        }
    }

    internal const string KeyFormatMessage =
        "must be the base64 encoding of exactly 32 random bytes (generate one with: openssl rand -base64 32)";

    /// <summary>Decodes a base64 key of exactly <see cref="KeySize"/> bytes, or null.</summary>
    internal static byte[]? TryDecodeKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != KeySize)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
            return null;
        }

        var key = buffer[..KeySize];
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return key;
    }
}

/// <summary>Where the media store keeps ciphertext.</summary>
public enum StorageBackend
{
    /// <summary>A folder (<see cref="StorageOptions.MediaPath"/>): one machine, or a shared file system.</summary>
    FileSystem,

    /// <summary>An S3-compatible bucket (<see cref="StorageOptions.S3"/>): what several nodes share.</summary>
    S3,
}
