using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearline.Evidence;

/// <summary>
/// <c>manifest.json</c> of an evidence package: what it is, for whom, by whom, every other file with its SHA-256 and
/// size, and the public key whose signature (<c>manifest.sig</c>) covers these exact bytes.
/// </summary>
public sealed record EvidenceManifest(
    string Format,
    Guid PackageId,
    DateTimeOffset CreatedAt,
    ManifestOrganisation Organisation,
    ManifestActor RequestedBy,
    Guid? ReferralId,
    IReadOnlyList<string> Items,
    ManifestSigningKey SigningKey,
    IReadOnlyList<ManifestFile> Files)
{
    public const string CurrentFormat = "clearline-evidence/v1";
    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.sig";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest in <paramref name="json"/>, or null when it is not one.</summary>
    public static EvidenceManifest? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<EvidenceManifest>(json, Json);
            return manifest is { Files: not null, SigningKey: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The police unit (or INTERPOL) the package was made for.</summary>
public sealed record ManifestOrganisation(Guid Id, string Name, string? CountryCode);

/// <summary>Who downloaded it: a person (<c>User</c>) or an API key (<c>ApiKey</c>), by id.</summary>
public sealed record ManifestActor(string Kind, Guid Id);

/// <summary>The key that signed the manifest; its fingerprint is the SHA-256 of the public key (SubjectPublicKeyInfo, DER).</summary>
public sealed record ManifestSigningKey(string Id, string Algorithm, string Fingerprint, string PublicKey);

/// <summary>One file of the package, by its path inside the ZIP.</summary>
public sealed record ManifestFile(string Path, string Sha256, long Size);
