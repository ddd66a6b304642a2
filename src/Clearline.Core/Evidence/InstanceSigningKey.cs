using System.Security.Cryptography;
using Clearline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Evidence;

/// <summary>
/// The instance's signing key (ECDSA P-256, SHA-256): signs evidence manifests (and later the federation feed) so a
/// receiver can check offline that Clearline made them and nothing changed since.
/// </summary>
/// <remarks>
/// <para>Kept like the key-encryption key: <c>Signing:PrivateKey</c> when the operator supplies it (nothing is written
/// to disk then), else generated on first use into <c>Storage:KeysPath</c> as <c>signing-key.pem</c> (0600 in a 0700
/// folder, under the key folder's lock) with a warning that production must supply its own.</para>
/// <para>The private key is never logged nor exported; only the public key (PEM) and its fingerprint leave this
/// class. The fingerprint is the SHA-256 of the public key's SubjectPublicKeyInfo (DER), as
/// <c>openssl pkey -pubin -outform DER | sha256sum</c> prints it, so police can pin it with their own tools.</para>
/// </remarks>
public sealed class InstanceSigningKey : IDisposable
{
    public const string Algorithm = "ECDSA P-256 SHA-256";
    internal const string P256Oid = "1.2.840.10045.3.1.7";
    internal const string FileName = "signing-key.pem";

    private readonly Lazy<ECDsa> _key;
    private readonly SigningKeyOptions _options;
    private readonly string _keysPath;
    private readonly ILogger<InstanceSigningKey> _logger;

    public InstanceSigningKey(IOptions<SigningKeyOptions> options, IOptions<StorageOptions> storage, ILogger<InstanceSigningKey> logger)
    {
        _options = options.Value;
        _keysPath = storage.Value.KeysPath!;
        _logger = logger;
        _key = new Lazy<ECDsa>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when the key comes from configuration rather than a generated key file.</summary>
    public bool IsConfigured => _options.PrivateKey is not null;

    /// <summary>The public key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string PublicKeyPem => _key.Value.ExportSubjectPublicKeyInfoPem();

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo, DER), 64 lower-case hex digits.</summary>
    public string Fingerprint => FingerprintOf(_key.Value);

    /// <summary>A short name of the key, safe to store and log: <c>sig-</c> and the fingerprint's first 16 digits.</summary>
    public string Id => IdOf(Fingerprint);

    /// <summary>The signature over <paramref name="data"/>, DER-encoded (what <c>openssl dgst -sha256 -verify</c> reads).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.Value.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Whether <paramref name="signature"/> (DER) over <paramref name="data"/> verifies under the P-256 public key in <paramref name="publicKeyPem"/>.</summary>
    public static bool Verify(string publicKeyPem, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var key = ImportPublic(publicKeyPem);
        return key is not null && key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>The fingerprint of the public key in <paramref name="publicKeyPem"/>, or null when it holds none.</summary>
    public static string? FingerprintOf(string publicKeyPem)
    {
        using var key = ImportPublic(publicKeyPem);
        return key is null ? null : FingerprintOf(key);
    }

    public static string IdOf(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return "sig-" + fingerprint[..16];
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static string FingerprintOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static ECDsa? ImportPublic(string publicKeyPem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value == P256Oid)
            {
                return key;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
        }

        key.Dispose();
        return null;
    }

    private ECDsa Load()
    {
        if (IsConfigured)
        {
            return SigningKeyOptions.TryImport(_options.PrivateKey)
                ?? throw new InvalidOperationException($"Signing:PrivateKey: {SigningKeyOptions.KeyFormatMessage}");
        }

        var directory = new KeyDirectory(_keysPath);
        var file = Path.Combine(_keysPath, FileName);
        using (directory.Lock())
        {
            var generated = !File.Exists(file);
            if (generated)
            {
                using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                directory.WriteAtomically(FileName, created.ExportPkcs8PrivateKeyPem());
            }

            Warn(generated);
            return SigningKeyOptions.TryImport(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"The signing key file {file} is not an ECDSA P-256 private key in PEM.");
        }
    }

    private void Warn(bool generated)
    {
        if (generated)
        {
            _logger.LogWarning(
                "SECURITY: no signing key was configured, so one was GENERATED into {KeysPath}. This is only for a single development machine: production MUST supply its own key through CLEARLINE__Signing__PrivateKey and keep it out of the data folder and its backups (see docs/keys.md).",
                _keysPath);
        }
        else
        {
            _logger.LogWarning(
                "SECURITY: evidence is signed with a generated key file in {KeysPath}, not a configured key. Production MUST supply its own key through CLEARLINE__Signing__PrivateKey (see docs/keys.md).",
                _keysPath);
        }
    }
}
