using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.PublicReporting;

/// <summary>How a public report reached the hotline.</summary>
public enum PublicReportChannel
{
    /// <summary>Clearline's own form, <c>/report</c>.</summary>
    Form = 1,

    /// <summary>The hotline's own form or app, through <c>POST /api/v1/public-reports</c>.</summary>
    Api = 2,
}

/// <summary>
/// A report from a member of the public: one or more URLs (<see cref="PublicReportUrl"/>), what they saw and where,
/// and, only with their consent, an e-mail address sealed like a report's credentials. Never their IP address.
/// </summary>
/// <remarks>
/// The reporter holds <see cref="Reference"/>, the one key to the status page; it is random (80 bits), so it can
/// neither be guessed nor enumerated, and the page shows a status, never content or findings.
/// </remarks>
public sealed class PublicReport : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The hotline the report is addressed to.</summary>
    public Guid OrganisationId { get; init; }

    /// <summary>The reporter's reference, e.g. <c>7KQ2-M9XD-3HTA-W4PE</c>.</summary>
    public required string Reference { get; init; }

    public PublicReportChannel Channel { get; init; }

    /// <summary>The language the reporter used (a culture name such as <c>de</c>), for the status page and any feedback.</summary>
    public required string Language { get; init; }

    /// <summary>What the reporter says they saw, in their words.</summary>
    public string? WhatSeen { get; set; }

    /// <summary>Where they came across it (a forum, a search, a message…).</summary>
    public string? WhereFound { get; set; }

    /// <summary>Whether the reporter asked to hear when the report is handled (needs a contact address).</summary>
    public bool WantsFeedback { get; init; }

    /// <summary>The reporter's e-mail address, sealed (<see cref="PublicContact"/>); null without consent, or once retention cleared it.</summary>
    public string? ContactKeyId { get; set; }

    public byte[]? ContactWrappedKey { get; set; }

    public byte[]? ContactSealed { get; set; }

    /// <summary>When retention cleared what the reporter gave about themselves (contact, what they saw, where).</summary>
    public DateTimeOffset? ReporterDataClearedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the reporter was sent the feedback they asked for, once every URL was decided.</summary>
    public DateTimeOffset? FeedbackSentAt { get; set; }

    public bool HasContact => ContactSealed is not null;
}

internal sealed class PublicReportConfiguration : IEntityTypeConfiguration<PublicReport>
{
    public void Configure(EntityTypeBuilder<PublicReport> builder)
    {
        builder.ToTable("PublicReports");
        builder.Property(p => p.Reference).HasMaxLength(PublicReportLimits.ReferenceLength).IsFixedLength();
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Language).HasMaxLength(20);
        builder.Property(p => p.WhatSeen).HasMaxLength(PublicReportLimits.MaxWhatSeenLength);
        builder.Property(p => p.WhereFound).HasMaxLength(PublicReportLimits.MaxWhereFoundLength);
        builder.Property(p => p.ContactKeyId).HasMaxLength(40);
        builder.Property(p => p.ContactWrappedKey).HasMaxLength(128);
        builder.Property(p => p.ContactSealed).HasMaxLength(1024);
        builder.HasIndex(p => new { p.OrganisationId, p.CreatedAt });
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class PublicReportLimits
{
    /// <summary>Four groups of four Crockford base-32 characters and three hyphens.</summary>
    public const int ReferenceLength = 19;

    /// <summary>The most URLs one public report may carry.</summary>
    public const int MaxUrls = 10;

    public const int MaxWhatSeenLength = 2000;

    public const int MaxWhereFoundLength = 500;

    /// <summary>RFC 5321's longest forward path.</summary>
    public const int MaxEmailLength = 254;
}
