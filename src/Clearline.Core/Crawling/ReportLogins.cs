using System.Security.Cryptography;
using Clearline.Crawling.Fetching;
using Clearline.Reports;
using Microsoft.Extensions.Logging;

namespace Clearline.Crawling;

/// <summary>
/// A report's gated-content credentials as Basic authentication for the reported URL's origin
/// (<see cref="OriginCredentials"/>), for its crawl and for every later re-check of what was found, so gated content
/// that is still there is not mistaken for gone.
/// </summary>
/// <remarks>
/// Credentials that no longer open (their key was removed) are logged and the fetch goes on without them: the gated
/// URLs then record their 401s. They are kept in memory only for the one crawl or re-check.
/// </remarks>
public sealed class ReportLogins(ReportCredentialVault vault, ILogger<ReportLogins> logger)
{
    /// <summary>The login of <paramref name="report"/>, or null when it has none or it cannot be opened.</summary>
    public async Task<OriginCredentials?> ForAsync(Report report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.HasCredentials)
        {
            return null;
        }

        try
        {
            return OriginCredentials.For(new Uri(report.NormalisedUrl), await vault.OpenAsync(report.Id, report.OrganisationId, ct));
        }
        catch (CryptographicException)
        {
            logger.LogWarning("The gated-content credentials of report {ReportId} could not be opened; fetching without them", report.Id);
            return null;
        }
    }
}
