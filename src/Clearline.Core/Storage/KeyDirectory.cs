namespace Clearline.Storage;

/// <summary>
/// Generated key-encryption keys on disk: one <c>&lt;id&gt;.kek</c> file per key (base64) and an <c>active</c>
/// file naming the key new blobs are wrapped under.
/// </summary>
/// <remarks>
/// Files are created 0600 in a 0700 folder so only the service account can read them. Changes take an
/// exclusive lock file, so two processes starting at once do not both generate a first key.
/// </remarks>
internal sealed class KeyDirectory(string path)
{
    private const string ActiveFile = "active";
    private const string Extension = ".kek";
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    public string Path { get; } = path;

    public IReadOnlyList<KeyEncryptionKey> ReadAll()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        var keys = new List<KeyEncryptionKey>();
        foreach (var file in Directory.EnumerateFiles(Path, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var material = StorageOptions.TryDecodeKey(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"Key file {file} is not the base64 encoding of 32 bytes.");
            keys.Add(new KeyEncryptionKey(material));
        }

        return keys;
    }

    public string? ReadActiveId()
    {
        var file = System.IO.Path.Combine(Path, ActiveFile);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    /// <summary>Changes whenever another process activates a key, so a long-running process notices rotation.</summary>
    public DateTime ActiveStamp() => File.GetLastWriteTimeUtc(System.IO.Path.Combine(Path, ActiveFile));

    /// <summary>Writes a new key and makes it active. Call under <see cref="Lock"/>.</summary>
    public KeyEncryptionKey CreateActive()
    {
        var key = KeyEncryptionKey.Generate();
        WriteAtomically(key.Id + Extension, key.ToBase64() + "\n");
        WriteAtomically(ActiveFile, key.Id + "\n");
        return key;
    }

    public IDisposable Lock()
    {
        EnsureFolder();
        var lockFile = System.IO.Path.Combine(Path, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockFile, System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Writes a file of the key folder readable by the owner only, replacing it at once (also the instance signing key's).</summary>
    public void WriteAtomically(string name, string content)
    {
        var target = System.IO.Path.Combine(Path, name);
        var temp = target + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, target, overwrite: true);
    }

    private void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, FolderMode);
        }
    }
}
