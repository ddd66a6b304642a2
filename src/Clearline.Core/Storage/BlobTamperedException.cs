namespace Clearline.Storage;

/// <summary>
/// Thrown by a blob read stream when a chunk fails authentication, the blob is truncated or extended, or the
/// decrypted content does not hash to its address. No unauthenticated byte is returned before it is thrown.
/// </summary>
public sealed class BlobTamperedException : IOException
{
    public BlobTamperedException()
        : base("The stored blob failed authentication.")
    {
    }

    public BlobTamperedException(string message)
        : base(message)
    {
    }

    public BlobTamperedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
