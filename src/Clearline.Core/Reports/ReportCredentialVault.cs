using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clearline.Storage;

namespace Clearline.Reports;

/// <summary>
/// Seals and opens the credentials a reporter gave for gated content, with the media store's envelope encryption:
/// a fresh AES-256-GCM data key per report, wrapped by the active key-encryption key (<see cref="KeyRing"/>).
/// </summary>
/// <remarks>
/// The key-encryption key lives outside the database (configuration or the keys folder), so a copy of the database
/// alone reveals no password. Both the data key and the ciphertext are bound to the report id, so sealed credentials
/// copied onto another report do not open. Only the reporting organisation's own services open them (for the
/// crawler); no API or page returns the password, only whether credentials exist.
/// </remarks>
public sealed class ReportCredentialVault(ClearlineDbContext db, EnvelopeSeal seal)
{
    internal ReportCredential Seal(Guid reportId, Guid organisationId, GatedContentCredentials credentials)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(credentials);
        try
        {
            var sealedValue = seal.Seal(plaintext, Aad(reportId));
            return new ReportCredential
            {
                ReportId = reportId, OrganisationId = organisationId, KeyId = sealedValue.KeyId, WrappedKey = sealedValue.WrappedKey, Sealed = sealedValue.Sealed,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The credentials of one of <paramref name="organisationId"/>'s reports, or null when it has none (or is another's).</summary>
    /// <exception cref="CryptographicException">The sealed row was altered, or its key-encryption key is no longer configured.</exception>
    public async Task<GatedContentCredentials?> OpenAsync(Guid reportId, Guid organisationId, CancellationToken ct)
    {
        var row = await db.Set<ReportCredential>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.ReportId == reportId && c.OrganisationId == organisationId, ct);
        if (row is null)
        {
            return null;
        }

        var plaintext = seal.Open(new SealedValue(row.KeyId, row.WrappedKey, row.Sealed), Aad(reportId));
        try
        {
            return JsonSerializer.Deserialize<GatedContentCredentials>(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Aad(Guid reportId) => Encoding.ASCII.GetBytes("clearline/reports/credentials/v1\0" + reportId.ToString("D"));
}
