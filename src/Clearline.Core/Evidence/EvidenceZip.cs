using System.IO.Compression;
using System.Text.Json;

namespace Clearline.Evidence;

/// <summary>
/// The ZIP of an evidence package as it is written: each entry goes straight to the output (one at a time, nothing
/// buffered beyond the compressor's window) and is hashed on the way, so the manifest can list it at the end.
/// </summary>
internal sealed class EvidenceZip : IAsyncDisposable
{
    private readonly ZipArchive _archive;
    private readonly DateTimeOffset _timestamp;
    private readonly List<ManifestFile> _files = [];

    private EvidenceZip(ZipArchive archive, DateTimeOffset timestamp)
    {
        _archive = archive;
        _timestamp = timestamp;
    }

    public IReadOnlyList<ManifestFile> Files => _files;

    public static async Task<EvidenceZip> CreateAsync(Stream output, DateTimeOffset timestamp, CancellationToken ct) =>
        new(await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct), timestamp);

    /// <summary>Adds a file written by <paramref name="write"/>; it is listed in the manifest with its SHA-256 and size.</summary>
    public async Task AddAsync(string path, CompressionLevel level, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var entry = _archive.CreateEntry(path, level);
        entry.LastWriteTime = _timestamp;
        var stream = await entry.OpenAsync(ct);
        await using (stream.ConfigureAwait(false))
        {
            using var hashing = new HashingStream(stream);
            await write(hashing, ct);
            _files.Add(new ManifestFile(path, hashing.Sha256(), hashing.Written));
        }
    }

    public Task AddJsonAsync<T>(string path, T value, CancellationToken ct) =>
        AddBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, EvidenceManifest.Json), ct);

    public Task AddBytesAsync(string path, byte[] content, CancellationToken ct) =>
        AddAsync(path, CompressionLevel.Optimal, (stream, token) => stream.WriteAsync(content, token).AsTask(), ct);

    /// <summary>Adds a file that is not listed in the manifest: the manifest itself and its signature.</summary>
    public async Task AddUnlistedAsync(string path, byte[] content, CancellationToken ct)
    {
        var entry = _archive.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = _timestamp;
        var stream = await entry.OpenAsync(ct);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, ct);
        }
    }

    public ValueTask DisposeAsync() => _archive.DisposeAsync();
}
