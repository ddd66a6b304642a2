using Clearline.Reports;
using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.PublicReporting;

/// <summary>Why an analyst closed a public report's URL in triage rather than accepting it.</summary>
public enum TriageCloseReason
{
    NotIllegal = 1,
    Adult = 2,
    NotFound = 3,
    OutsideRemit = 4,
    Duplicate = 5,
}

/// <summary>
/// One URL of a public report, and the <see cref="Report"/> made of it at once (pending triage, <see cref="ReportTriage"/>):
/// de-duplicated against the network, crawled and matched before an analyst opens it.
/// </summary>
/// <remarks>Whether it is pending, accepted or closed is the report's <see cref="Report.Triage"/>; the decision's details are here.</remarks>
public sealed class PublicReportUrl : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public Guid PublicReportId { get; init; }

    /// <summary>The URL's place in the reporter's list, from 0.</summary>
    public int Position { get; init; }

    public Guid ReportId { get; init; }

    /// <summary>Why it was closed; null while pending or once accepted.</summary>
    public TriageCloseReason? CloseReason { get; set; }

    /// <summary>When an analyst accepted or closed it.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The person who accepted or closed it.</summary>
    public Guid? DecidedByUserId { get; set; }
}

internal sealed class PublicReportUrlConfiguration : IEntityTypeConfiguration<PublicReportUrl>
{
    public void Configure(EntityTypeBuilder<PublicReportUrl> builder)
    {
        builder.ToTable("PublicReportUrls");
        builder.Property(u => u.CloseReason).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(u => new { u.PublicReportId, u.Position }).IsUnique();
        builder.HasIndex(u => u.ReportId).IsUnique();
        builder.HasOne<PublicReport>().WithMany().HasForeignKey(u => u.PublicReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Report>().WithMany().HasForeignKey(u => u.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
