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
public sealed class ReportCredentialVault(ClearlineDbContext db, KeyRing keys)
{
    internal ReportCredential Seal(Guid reportId, Guid organisationId, GatedContentCredentials credentials)
    {
        var aad = Aad(reportId);
        var dataKey = RandomNumberGenerator.GetBytes(StorageOptions.KeySize);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(credentials);
        try
        {
            var active = keys.Active;
            var sealedBytes = new byte[BlobFormat.NonceSize + plaintext.Length + BlobFormat.TagSize];
            var nonce = sealedBytes.AsSpan(0, BlobFormat.NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var gcm = new AesGcm(dataKey, BlobFormat.TagSize);
            gcm.Encrypt(nonce, plaintext, sealedBytes.AsSpan(BlobFormat.NonceSize, plaintext.Length), sealedBytes.AsSpan(^BlobFormat.TagSize), aad);
            return new ReportCredential
            {
                ReportId = reportId, OrganisationId = organisationId, KeyId = active.Id, WrappedKey = active.Wrap(dataKey, aad), Sealed = sealedBytes,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
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

        var aad = Aad(reportId);
        var dataKey = new byte[StorageOptions.KeySize];
        if (!keys.TryGet(row.KeyId, out var kek) || !kek.TryUnwrap(row.WrappedKey, aad, dataKey))
        {
            throw new CryptographicException($"The credentials of report {reportId} cannot be unwrapped with key {row.KeyId}.");
        }

        var length = row.Sealed.Length - BlobFormat.NonceSize - BlobFormat.TagSize;
        var plaintext = new byte[Math.Max(length, 0)];
        try
        {
            using var gcm = new AesGcm(dataKey, BlobFormat.TagSize);
            gcm.Decrypt(row.Sealed.AsSpan(0, BlobFormat.NonceSize), row.Sealed.AsSpan(BlobFormat.NonceSize, length),
                row.Sealed.AsSpan(^BlobFormat.TagSize), plaintext, aad);
            return JsonSerializer.Deserialize<GatedContentCredentials>(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Aad(Guid reportId) => Encoding.ASCII.GetBytes("clearline/reports/credentials/v1\0" + reportId.ToString("D"));
}
