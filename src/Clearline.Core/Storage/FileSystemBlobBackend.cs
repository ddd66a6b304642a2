using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Clearline.Storage;

/// <summary>
/// Ciphertext in a folder: <c>media/ab/cd/abcd…</c>. Writes go to <c>media/.tmp</c> first and are renamed into
/// place after an fsync, so a crash leaves either the whole object or none. What a crash leaves in
/// <c>.tmp</c> is deleted on the first write after a start, once it is older than <see cref="AbandonedAfter"/>.
/// </summary>
/// <remarks>
/// Files are 0600 and folders 0700: only the service account reads the ciphertext. Addresses are validated
/// before they become paths, so no id can reach outside the media folder.
/// </remarks>
public sealed class FileSystemBlobBackend(IOptions<StorageOptions> options) : IBlobBackend
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    private readonly string _root = Path.GetFullPath(options.Value.MediaPath!);

    /// <summary>Folders known to exist, so a busy crawl does not ask the file system for each blob.</summary>
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);

    private int _swept;

    /// <summary>
    /// A temporary file this old was left by a process that died while writing it (a write lasts seconds, at most
    /// a crawler's total timeout), so it can never be published and is deleted.
    /// </summary>
    public static TimeSpan AbandonedAfter { get; } = TimeSpan.FromDays(1);

    public Task<PendingBlob> BeginWriteAsync(CancellationToken ct)
    {
        var folder = Path.Combine(_root, ".tmp");
        CreateFolder(folder);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            SweepAbandoned(folder);
        }

        var temp = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".part");
        var streamOptions = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = FileMode;
        }

        return Task.FromResult<PendingBlob>(new PendingFile(this, temp, new FileStream(temp, streamOptions)));
    }

    public Task<Stream?> OpenReadAsync(string address, CancellationToken ct)
    {
        try
        {
            Stream stream = new FileStream(PathOf(address), System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string address, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(address)));

    public Task DeleteAsync(string address, CancellationToken ct)
    {
        File.Delete(PathOf(address));
        return Task.CompletedTask;
    }

    internal string PathOf(string address)
    {
        if (!BlobAddress.IsValid(address))
        {
            throw new ArgumentException("Not a blob address.", nameof(address));
        }

        return Path.Combine(_root, address[..2], address[2..4], address);
    }

    private static void SweepAbandoned(string folder)
    {
        var cutoff = DateTime.UtcNow - AbandonedAfter;
        foreach (var part in Directory.EnumerateFiles(folder, "*.part"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(part) < cutoff)
                {
                    File.Delete(part);
                }
            }
            catch (IOException)
            {
                // Gone already, or in use: the next start tries again.
            }
        }
    }

    private void CreateFolder(string folder)
    {
        if (_folders.ContainsKey(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }

        _folders[folder] = true;
    }

    private sealed class PendingFile(FileSystemBlobBackend backend, string temp, FileStream stream) : PendingBlob
    {
        private bool _committed;
        private bool _durable;

        public override Stream Content => stream;

        public override async Task MakeDurableAsync(CancellationToken ct)
        {
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
            _durable = true;
        }

        public override async Task CommitAsync(string address, CancellationToken ct)
        {
            var target = backend.PathOf(address);
            if (!_durable)
            {
                await MakeDurableAsync(ct);
            }

            await stream.DisposeAsync();
            backend.CreateFolder(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            _committed = true;
        }

        public override async ValueTask DisposeAsync()
        {
            await stream.DisposeAsync();
            if (!_committed)
            {
                File.Delete(temp);
            }
        }
    }
}
