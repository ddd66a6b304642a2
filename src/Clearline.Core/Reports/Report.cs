using System.Security.Cryptography;
using System.Text;
using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Reports;

/// <summary>A reported URL, as a hotline received it, and the context the reporter gave.</summary>
public sealed class Report : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    /// <summary>The URL as submitted.</summary>
    public required string Url { get; init; }

    /// <summary>The URL in canonical form (<see cref="Crawling.Extraction.CrawlUrl.Normalise"/>), for de-duplication.</summary>
    public required string NormalisedUrl
    {
        get;
        init
        {
            field = value;
            UrlKey = KeyOf(value);
        }
    }

    /// <summary>Lowercase hex SHA-256 of <see cref="NormalisedUrl"/>: the indexed de-duplication key, set with it.</summary>
    /// <remarks>A hash rather than the URL itself, because a B-tree index entry cannot hold a 4 KB URL on PostgreSQL.</remarks>
    public string UrlKey { get; private set; } = "";

    /// <summary>
    /// The network's first report of the same normalised URL, when this report repeats it (from any hotline,
    /// this one included); null for a first report. A duplicate has no crawl of its own, unless the network last saw
    /// the URL more than <c>Reports:RecrawlAfter</c> ago: then it is crawled again (<see cref="ReportOptions"/>).
    /// </summary>
    public Guid? DuplicateOfReportId { get; init; }

    /// <summary>Whether credentials for gated content were given (kept encrypted in <see cref="ReportCredential"/>).</summary>
    public bool HasCredentials { get; init; }

    /// <summary>When the hotline received the report (defaults to when it was submitted here).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The reporting hotline's own reference; empty puts the report in the <c>no-reference</c> queue.</summary>
    /// <remarks>This and the other context below are editable by the reporting hotline (<see cref="ReportContexts"/>).</remarks>
    public string? HotlineReference { get; set; }

    public SiteType SiteType { get; set; }

    public Commerciality Commerciality { get; set; }

    public PaymentMethods PaymentMethods { get; set; }

    public string? Referrer { get; init; }

    public string? Memo { get; set; }

    /// <summary>For a public report's URL, where it stands in triage; <see cref="ReportTriage.None"/> for a hotline's own report.</summary>
    public ReportTriage Triage { get; set; }

    /// <summary>The de-duplication key of a normalised URL.</summary>
    public static string KeyOf(string normalisedUrl) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedUrl)));

    /// <summary>The client's Idempotency-Key, unique per organisation, so a retried submission is not a second report.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the submitted request, to tell a retry from a different request under a reused key.</summary>
    public string? RequestFingerprint { get; init; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.Property(r => r.Url).HasMaxLength(ReportLimits.MaxUrlLength);
        builder.Property(r => r.NormalisedUrl).HasMaxLength(ReportLimits.MaxUrlLength);
        builder.Property(r => r.HotlineReference).HasMaxLength(ReportLimits.MaxReferenceLength);
        builder.Property(r => r.Referrer).HasMaxLength(ReportLimits.MaxUrlLength);
        builder.Property(r => r.Memo).HasMaxLength(ReportLimits.MaxMemoLength);
        builder.Property(r => r.SiteType).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Commerciality).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Triage).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ReportTriage.None);
        builder.HasIndex(r => r.Triage);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(ReportLimits.MaxIdempotencyKeyLength);
        builder.Property(r => r.RequestFingerprint).HasMaxLength(64);
        builder.HasIndex(r => new { r.OrganisationId, r.IdempotencyKey }).IsUnique();

        // One first report per normalised URL in the whole network: two hotlines racing to report the same URL end
        // with one first report and one duplicate, never two crawls. Double quotes suit both SQLite and PostgreSQL.
        builder.Property(r => r.UrlKey).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(r => r.UrlKey).IsUnique().HasFilter("\"DuplicateOfReportId\" IS NULL");
        builder.HasIndex(r => r.DuplicateOfReportId);
        builder.HasIndex(r => new { r.OrganisationId, r.CreatedAt });
        builder.HasOne<Report>().WithMany().HasForeignKey(r => r.DuplicateOfReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class ReportLimits
{
    public const int MaxUrlLength = 4096;
    public const int MaxReferenceLength = 100;
    public const int MaxMemoLength = 4000;
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxCredentialLength = 1000;

    /// <summary>The most data rows one CSV batch may hold.</summary>
    public const int MaxBatchRows = 10_000;

    /// <summary>The largest CSV batch body, in bytes (about 1 KB per row at the row limit).</summary>
    public const long MaxBatchBytes = 10 * 1024 * 1024;
}
