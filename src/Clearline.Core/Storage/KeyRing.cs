using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Storage;

/// <summary>
/// Every key-encryption key this process can use, by id, and the active one that wraps new data keys.
/// </summary>
/// <remarks>
/// <para>Configured mode: <c>Storage:KeyEncryptionKey</c> is active; <c>Storage:PreviousKeyEncryptionKeys</c>
/// and any key files in <c>Storage:KeysPath</c> stay readable, so data wrapped under them keeps opening until
/// <see cref="KeyRotation"/> re-wraps it. Nothing is ever written to disk in this mode.</para>
/// <para>File mode (no configured key): keys live in <c>Storage:KeysPath</c>; the first start generates one and
/// warns that production must supply its own. The ring re-reads the folder when another process rotates, so a
/// running server picks up a key made by <c>clearline keys rotate</c> without a restart.</para>
/// </remarks>
public sealed class KeyRing
{
    private readonly StorageOptions _options;
    private readonly KeyDirectory _directory;
    private readonly ILogger<KeyRing> _logger;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private bool _warned;

    public KeyRing(IOptions<StorageOptions> options, ILogger<KeyRing> logger)
    {
        _options = options.Value;
        _directory = new KeyDirectory(_options.KeysPath!);
        _logger = logger;
    }

    /// <summary>True when the active key comes from configuration rather than a generated key file.</summary>
    public bool IsConfigured => _options.KeyEncryptionKey is not null;

    public KeyEncryptionKey Active => Current().Active;

    public IReadOnlyCollection<string> KeyIds => Current().Keys.Keys.ToArray();

    public bool TryGet(string id, [NotNullWhen(true)] out KeyEncryptionKey? key)
    {
        if (Current().Keys.TryGetValue(id, out key))
        {
            return true;
        }

        // Another process may have rotated since we loaded; look again before giving up.
        lock (_gate)
        {
            _snapshot = Load();
            return _snapshot.Keys.TryGetValue(id, out key);
        }
    }

    /// <summary>File mode only: generates a new key file and makes it active.</summary>
    internal KeyEncryptionKey ActivateNewKey()
    {
        if (IsConfigured)
        {
            throw new InvalidOperationException("The active key comes from configuration; set a new Storage:KeyEncryptionKey instead.");
        }

        lock (_gate)
        {
            using (_directory.Lock())
            {
                _directory.CreateActive();
            }

            _snapshot = Load();
            return _snapshot.Active;
        }
    }

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        if (snapshot is not null && (IsConfigured || _directory.ActiveStamp() == snapshot.ActiveStamp))
        {
            return snapshot;
        }

        lock (_gate)
        {
            _snapshot = Load();
            return _snapshot;
        }
    }

    private Snapshot Load()
    {
        var keys = new Dictionary<string, KeyEncryptionKey>(StringComparer.Ordinal);
        if (IsConfigured)
        {
            var active = new KeyEncryptionKey(StorageOptions.TryDecodeKey(_options.KeyEncryptionKey)
                ?? throw new InvalidOperationException($"Storage:KeyEncryptionKey: {StorageOptions.KeyFormatMessage}"));
            keys[active.Id] = active;
            foreach (var previous in _options.PreviousKeyEncryptionKeys)
            {
                var key = new KeyEncryptionKey(StorageOptions.TryDecodeKey(previous)
                    ?? throw new InvalidOperationException($"Storage:PreviousKeyEncryptionKeys: {StorageOptions.KeyFormatMessage}"));
                keys.TryAdd(key.Id, key);
            }

            foreach (var key in _directory.ReadAll())
            {
                keys.TryAdd(key.Id, key);
            }

            return new Snapshot(active, keys, default);
        }

        using (_directory.Lock())
        {
            var files = _directory.ReadAll();
            var generated = files.Count == 0;
            if (generated)
            {
                files = [_directory.CreateActive()];
            }

            WarnOnce(generated);
            foreach (var key in files)
            {
                keys[key.Id] = key;
            }

            var activeId = _directory.ReadActiveId();
            if (activeId is null || !keys.TryGetValue(activeId, out var activeKey))
            {
                throw new InvalidOperationException(
                    $"The key folder {_directory.Path} holds keys but its 'active' file does not name one of them.");
            }

            return new Snapshot(activeKey, keys, _directory.ActiveStamp());
        }
    }

    private void WarnOnce(bool generated)
    {
        if (_warned)
        {
            return;
        }

        _warned = true;
        if (generated)
        {
            _logger.LogWarning(
                "SECURITY: no key-encryption key was configured, so one was GENERATED into {KeysPath}. This is only for a single development machine: production MUST supply its own key through CLEARLINE__Storage__KeyEncryptionKey and keep it out of the data folder and its backups (see docs/keys.md).",
                _directory.Path);
        }
        else
        {
            _logger.LogWarning(
                "SECURITY: media is encrypted under a generated key file in {KeysPath}, not a configured key. Production MUST supply its own key through CLEARLINE__Storage__KeyEncryptionKey (see docs/keys.md).",
                _directory.Path);
        }
    }

    private sealed record Snapshot(KeyEncryptionKey Active, IReadOnlyDictionary<string, KeyEncryptionKey> Keys, DateTime ActiveStamp);
}
