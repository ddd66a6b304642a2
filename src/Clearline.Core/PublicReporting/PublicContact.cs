using System.Security.Cryptography;
using System.Text;
using Clearline.Storage;

namespace Clearline.PublicReporting;

/// <summary>Seals and opens a public reporter's e-mail address (<see cref="EnvelopeSeal"/>, bound to the public report's id).</summary>
/// <remarks>Opened only to send the feedback the reporter asked for; no page or API returns it.</remarks>
public sealed class PublicContact(EnvelopeSeal seal)
{
    public void Seal(PublicReport report, string email)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sealedValue = seal.Seal(Encoding.UTF8.GetBytes(email), Aad(report.Id));
        report.ContactKeyId = sealedValue.KeyId;
        report.ContactWrappedKey = sealedValue.WrappedKey;
        report.ContactSealed = sealedValue.Sealed;
    }

    /// <summary>The e-mail address, or null when none was given (or retention cleared it).</summary>
    /// <exception cref="CryptographicException">The row was altered, or its key-encryption key is no longer configured.</exception>
    public string? Open(PublicReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report is not { ContactKeyId: { } keyId, ContactWrappedKey: { } wrapped, ContactSealed: { } sealedBytes })
        {
            return null;
        }

        var plaintext = seal.Open(new SealedValue(keyId, wrapped, sealedBytes), Aad(report.Id));
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Forgets the address (retention, or the reporter withdrawing consent).</summary>
    public static void Clear(PublicReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.ContactKeyId = null;
        report.ContactWrappedKey = null;
        report.ContactSealed = null;
    }

    private static byte[] Aad(Guid publicReportId) => Encoding.ASCII.GetBytes("clearline/public-reports/contact/v1\0" + publicReportId.ToString("D"));
}
