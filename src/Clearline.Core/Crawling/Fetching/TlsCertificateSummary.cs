using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clearline.Crawling.Fetching;

/// <summary>The server certificate presented over https, kept as evidence of who served the content.</summary>
/// <param name="Subject">The subject distinguished name.</param>
/// <param name="Issuer">The issuer distinguished name.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="Sha256Fingerprint">SHA-256 of the DER certificate, upper-case hex.</param>
/// <param name="ValidationErrors">Why the certificate failed validation (self-signed, expired, wrong name...); null when valid.</param>
public sealed record TlsCertificateSummary(
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Sha256Fingerprint,
    string? ValidationErrors)
{
    /// <summary>Summarises the certificate seen in a TLS validation callback.</summary>
    public static TlsCertificateSummary From(X509Certificate certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var loaded = certificate as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        var x509 = certificate as X509Certificate2 ?? loaded!;
        return new TlsCertificateSummary(
            x509.Subject,
            x509.Issuer,
            new DateTimeOffset(x509.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(x509.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            x509.GetCertHashString(HashAlgorithmName.SHA256),
            Describe(chain, errors));
    }

    private static string? Describe(X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        var details = chain?.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")
            .Distinct() ?? [];
        return string.Join("; ", details.Prepend(errors.ToString()));
    }
}
