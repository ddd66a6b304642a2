using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Clearline.Configuration;

namespace Clearline.Evidence;

/// <summary>The instance's signing key (ECDSA P-256), when the operator supplies it; else one is generated into the key folder.</summary>
/// <remarks>
/// Like the key-encryption key, the private key is never echoed in validation messages: a bad key is reported by
/// setting name only, so a failed start cannot leak a near-correct production key into logs.
/// </remarks>
public sealed class SigningKeyOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Signing";

    /// <summary>
    /// The private key as PEM (<c>-----BEGIN PRIVATE KEY-----</c>, PKCS#8, or <c>EC PRIVATE KEY</c>) of a P-256 key.
    /// Supply it through the environment (<c>CLEARLINE__Signing__PrivateKey</c>) in production; when absent a key is
    /// generated into <c>Storage:KeysPath</c>.
    /// </summary>
    public string? PrivateKey { get; set; }

    internal const string KeyFormatMessage =
        "must be an ECDSA P-256 private key in PEM (generate one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        using var key = TryImport(PrivateKey);
        if (PrivateKey is not null && key is null)
        {
            yield return new ValidationResult(KeyFormatMessage, [nameof(PrivateKey)]);
        }
    }

    /// <summary>The P-256 key in <paramref name="pem"/>, or null when it is not one.</summary>
    internal static ECDsa? TryImport(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
            var parameters = key.ExportParameters(includePrivateParameters: true);
            var isP256 = parameters.Curve.Oid.Value == InstanceSigningKey.P256Oid || parameters.Curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256";
            CryptographicOperations.ZeroMemory(parameters.D);
            if (isP256)
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
}
