namespace Clearline.Storage;

/// <summary>
/// Where ciphertext lives. The file system now; an S3-compatible object store for many machines later.
/// Backends only ever see ciphertext and content addresses.
/// </summary>
public interface IBlobBackend
{
    /// <summary>Starts a new object under a temporary name; it appears under its address only on commit.</summary>
    Task<PendingBlob> BeginWriteAsync(CancellationToken ct);

    /// <summary>Opens a committed object for reading, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string address, CancellationToken ct);

    Task<bool> ExistsAsync(string address, CancellationToken ct);

    Task DeleteAsync(string address, CancellationToken ct);
}

/// <summary>An object being written. Disposing without <see cref="CommitAsync"/> discards it.</summary>
public abstract class PendingBlob : IAsyncDisposable
{
    public abstract Stream Content { get; }

    /// <summary>Makes the bytes written so far durable under the temporary name (done by commit when not before).</summary>
    /// <remarks>Separate from commit so the slow part can run in parallel, outside the lock that orders publishing.</remarks>
    public abstract Task MakeDurableAsync(CancellationToken ct);

    /// <summary>Makes the written bytes durable and publishes them under <paramref name="address"/>, replacing any object there.</summary>
    public abstract Task CommitAsync(string address, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
