namespace Clearline.Storage;

/// <summary>A blob as stored: its content address and plaintext length; <c>Created</c> is false for a repeat put.</summary>
public sealed record StoredBlob(string Sha256, long Length, bool Created);

/// <summary>The outcome of opening a blob. Only <see cref="Ok"/> carries bytes, and those are authenticated.</summary>
public abstract record BlobReadResult
{
    private BlobReadResult()
    {
    }

    /// <summary>The decrypting stream; the caller disposes it. It throws <see cref="BlobTamperedException"/> on a bad chunk.</summary>
    public sealed record Ok(Stream Content, long Length) : BlobReadResult;

    public sealed record NotFound : BlobReadResult;

    /// <summary>The stored data, its wrapped key or its header failed authentication.</summary>
    public sealed record Tampered(string Reason) : BlobReadResult;

    /// <summary>
    /// The blob was deleted under retention: its data key destroyed and its file deleted. Nothing can be read, now
    /// or from a backup of the files; the content's hashes and decisions stay with the features that hold them.
    /// </summary>
    public sealed record Shredded(DateTimeOffset At, string Reason) : BlobReadResult;

    /// <summary>The key-encryption key that wraps this blob's data key is not configured.</summary>
    public sealed record KeyUnavailable(string KeyId) : BlobReadResult;
}
