using System.IO.Compression;
using System.Security.Cryptography;

namespace Clearline.Evidence;

/// <summary>What checking a package found. <see cref="Problems"/> is empty exactly when it is valid.</summary>
/// <remarks><c>Fingerprint</c>: of the key the signature was checked with (the pinned key, else the embedded one);
/// <c>KeyPinned</c>: the key was given by the checker (<c>--public-key</c>), not taken from the package itself.</remarks>
public sealed record EvidenceVerification(Guid? PackageId, string? Fingerprint, bool KeyPinned, int FileCount, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Checks an evidence package offline: the signature over the exact bytes of <c>manifest.json</c>, and every file's
/// SHA-256 and size against it, with no file missing and none added.
/// </summary>
/// <remarks>
/// Without a pinned public key the check only proves the package is intact under the key it carries: anyone can
/// re-sign a changed package with a key of their own. Pinning the instance's key (its fingerprint published by
/// <c>clearline keys signing-key</c>) is what proves the package came from that instance.
/// </remarks>
public static class EvidencePackageVerifier
{
    public static EvidenceVerification Verify(Stream package, string? pinnedPublicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(package);
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            return Verify(zip, pinnedPublicKeyPem);
        }
        catch (InvalidDataException)
        {
            return Failed("the file is not a ZIP archive or it is corrupt (its central directory cannot be read)");
        }
    }

    private static EvidenceVerification Verify(ZipArchive zip, string? pinnedPublicKeyPem)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            if (!entries.TryAdd(entry.FullName, entry))
            {
                problems.Add($"{entry.FullName}: the archive holds this path twice");
            }
        }

        if (!entries.TryGetValue(EvidenceManifest.FileName, out var manifestEntry))
        {
            return Failed($"{EvidenceManifest.FileName} is missing: this is not a Clearline evidence package, or it was stripped");
        }

        if (!entries.TryGetValue(EvidenceManifest.SignatureFileName, out var signatureEntry))
        {
            return Failed($"{EvidenceManifest.SignatureFileName} is missing: the package is unsigned");
        }

        var manifestBytes = ReadAll(manifestEntry);
        var signature = ReadAll(signatureEntry);
        if (manifestBytes is null || signature is null)
        {
            return Failed("the manifest or its signature cannot be read: the archive is corrupt");
        }

        var manifest = EvidenceManifest.TryParse(manifestBytes);
        if (manifest is null)
        {
            return Failed($"{EvidenceManifest.FileName} is not a valid evidence manifest");
        }

        var key = pinnedPublicKeyPem ?? manifest.SigningKey.PublicKey;
        var fingerprint = InstanceSigningKey.FingerprintOf(key);
        if (fingerprint is null)
        {
            problems.Add(pinnedPublicKeyPem is null
                ? "the public key embedded in the manifest is not an ECDSA P-256 public key"
                : "the pinned public key is not an ECDSA P-256 public key in PEM");
        }
        else if (!string.Equals(fingerprint, manifest.SigningKey.Fingerprint, StringComparison.Ordinal))
        {
            problems.Add($"the manifest names signing key {manifest.SigningKey.Fingerprint}, not the {(pinnedPublicKeyPem is null ? "key it embeds" : "pinned key")} {fingerprint}");
        }

        if (fingerprint is not null && !InstanceSigningKey.Verify(key, manifestBytes, signature))
        {
            problems.Add($"the signature over {EvidenceManifest.FileName} does not verify under key {fingerprint}: the manifest was changed or signed with another key");
        }

        CheckFiles(manifest, entries, problems);
        return new EvidenceVerification(manifest.PackageId, fingerprint, pinnedPublicKeyPem is not null, manifest.Files.Count, problems);
    }

    private static void CheckFiles(EvidenceManifest manifest, Dictionary<string, ZipArchiveEntry> entries, List<string> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { EvidenceManifest.FileName, EvidenceManifest.SignatureFileName };
        foreach (var file in manifest.Files)
        {
            listed.Add(file.Path);
            if (!entries.TryGetValue(file.Path, out var entry))
            {
                problems.Add($"{file.Path}: missing from the archive");
                continue;
            }

            var (sha256, size) = Hash(entry);
            if (sha256 is null)
            {
                problems.Add($"{file.Path}: corrupt in the archive (cannot be decompressed)");
            }
            else if (size != file.Size || !string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file.Path}: changed (SHA-256 {sha256}, {size} bytes; the manifest says {file.Sha256}, {file.Size} bytes)");
            }
        }

        foreach (var path in entries.Keys.Where(p => !listed.Contains(p)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{path}: added (not in the manifest)");
        }
    }

    private static (string? Sha256, long Size) Hash(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
                size += read;
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch (InvalidDataException)
        {
            return (null, 0);
        }
    }

    private static byte[]? ReadAll(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static EvidenceVerification Failed(string problem) => new(null, null, false, 0, [problem]);
}
